/**
 * Reads the JSON a Claude Code hook pipes to us, without ever blocking a run that has no hook JSON: a terminal,
 * /dev/null, a closed pipe, or a pipe left open with nothing in it (CI runners, some shells). Claude Code does not
 * always close stdin either, so a complete JSON object ends the read, not EOF.
 */
import { fstatSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** How long an open, silent pipe is given before we decide no hook is talking. */
export const STDIN_WAIT_MS = 80;
/** Hook payloads are a few hundred bytes; anything this large is not one. */
const MAX_BYTES = 1024 * 1024;

/** Where to read from; the defaults are this process's stdin. */
export interface StdinSource {
  fd: number;
  stream: () => Readable & { isTTY?: boolean };
  waitMs: number;
}

type StdinKind = 'pipe' | 'file' | 'other' | 'closed';

function stdinKind(fd: number): StdinKind {
  try {
    const stats = fstatSync(fd);
    return stats.isFIFO() || stats.isSocket() ? 'pipe' : stats.isFile() ? 'file' : 'other';
  } catch {
    return 'closed';
  }
}

/** False when stdin cannot carry a hook payload (a terminal, /dev/null, closed): then nothing needs reading. */
export function stdinMayHoldPayload(fd = 0): boolean {
  const kind = stdinKind(fd);
  return kind === 'pipe' || kind === 'file';
}

/** The stdin text if it holds (the start of) a hook payload within the wait, else null. */
export async function readHookStdin(source: Partial<StdinSource> = {}): Promise<string | null> {
  const fd = source.fd ?? 0;
  const kind = stdinKind(fd);
  // A terminal or /dev/null (character devices) never carries a hook payload.
  if (kind === 'other' || kind === 'closed') return null;
  if (kind === 'file') return readFileFd(fd);
  return readPipe((source.stream ?? (() => process.stdin))(), source.waitMs ?? STDIN_WAIT_MS);
}

/** `sync -q < payload.json`: a regular file never blocks, read it directly. */
function readFileFd(fd: number): string | null {
  const buffer = Buffer.alloc(MAX_BYTES);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, MAX_BYTES - length, null);
    if (n === 0 || length + n >= MAX_BYTES) break;
    length += n;
  }
  return length > 0 ? buffer.subarray(0, length).toString('utf8') : null;
}

function readPipe(stream: Readable & { isTTY?: boolean }, waitMs: number): Promise<string | null> {
  if (stream.isTTY) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', finish);
      // Release the pipe so an open-but-silent stdin cannot keep this process alive.
      stream.pause();
      stream.destroy();
      resolve(size > 0 ? Buffer.concat(chunks).toString('utf8') : null);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buffer);
      size += buffer.length;
      if (size >= MAX_BYTES || isCompleteJson(Buffer.concat(chunks).toString('utf8'))) finish();
    };
    const timer = setTimeout(finish, waitMs);
    stream.on('data', onData);
    stream.on('end', finish);
    stream.on('error', finish);
  });
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
