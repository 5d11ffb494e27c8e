/** Crash-safe file replacement: write a temp file beside the target, fsync, rename over it. */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import path from 'node:path';

// Directories already created by this process: mkdir on every write costs a syscall per transcript.
const knownDirs = new Set<string>();

/**
 * Writes `data` (or its parts, one after the other) to `file` atomically; a crash leaves either the old or the new
 * content, never a mix. `fsync: false` skips the flush to disk for files whose loss is harmless (the rename stays
 * atomic for processes).
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: { mode?: number; dirMode?: number; fsync?: boolean } = {},
): void {
  const dir = path.dirname(file);
  if (!knownDirs.has(dir)) {
    mkdirSync(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
    knownDirs.add(dir);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w', options.mode ?? 0o600);
  } catch (error) {
    // The directory went away since we created it (tests, a user cleaning up): create it again once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
    fd = openSync(tmp, 'w', options.mode ?? 0o600);
  }
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else if (data instanceof Uint8Array) writeSync(fd, data);
    else writeParts(fd, data);
    if (options.fsync !== false) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Writes every part, resuming after a short write (a full disk reports ENOSPC on the next call). */
function writeParts(fd: number, parts: readonly Uint8Array[]): void {
  let rest = parts.filter((part) => part.length > 0);
  while (rest.length > 0) {
    let written = writevSync(fd, rest);
    const next: Uint8Array[] = [];
    for (const part of rest) {
      if (written >= part.length) written -= part.length;
      else {
        next.push(part.subarray(written));
        written = 0;
      }
    }
    rest = next;
  }
}
