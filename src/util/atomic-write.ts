/** Crash-safe file replacement: write a temp file beside the target, fsync, rename over it. */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Writes `data` to `file` atomically; a crash leaves either the old or the new content, never a mix. */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number; dirMode?: number } = {}): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, 'w', options.mode ?? 0o600);
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
    fsyncSync(fd);
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
