/**
 * The idle mark, `$CODE_INSIGHTS_HOME/idle-mark.bin`: "planning exactly these transcripts against this state file
 * found nothing to do". A no-op sync whose discovery and state file both match the mark skips reading and planning
 * the state (~2 MB of JSON for 5,000 transcripts, a third of a no-op's time). Any change to either sends the run
 * through the full check, which leaves a new mark when it too finds nothing; so does a sync that wrote everything it
 * found. Only a cache: a torn or missing mark just costs one full check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../records/types.js';

function markPath(home: string): string {
  return path.join(home, 'idle-mark.bin');
}

/**
 * What the plan compares, exactly: the state file's stamp, then every transcript's path, size, mtime and inode.
 * Binary, not hashed: encoding the numbers as text, or loading node:crypto, costs a no-op sync more than the
 * comparison of ~140 bytes per transcript.
 */
export function idleKey(stateStamp: string, files: ReadonlyArray<SourceFile>): Buffer {
  return Buffer.concat([Buffer.from(`${stateStamp}\n`), discoveryPart(files)]);
}

// A sync that wrote builds the key of one discovery twice (checked before, left after, with a new stamp).
const discoveryParts = new WeakMap<ReadonlyArray<SourceFile>, Buffer>();

function discoveryPart(files: ReadonlyArray<SourceFile>): Buffer {
  const known = discoveryParts.get(files);
  if (known) return known;
  const numbers = new Float64Array(files.length * 3);
  for (let i = 0; i < files.length; i += 1) {
    const file = files[i] as SourceFile;
    numbers[3 * i] = file.size;
    numbers[3 * i + 1] = file.mtimeMs;
    numbers[3 * i + 2] = file.ino;
  }
  const part = Buffer.concat([Buffer.from(`${files.map((file) => file.path).join('\n')}\n`), Buffer.from(numbers.buffer)]);
  discoveryParts.set(files, part);
  return part;
}

/** True when the mark left last is exactly `key`. */
export function markHolds(home: string, key: Buffer): boolean {
  try {
    return readFileSync(markPath(home)).equals(key);
  } catch {
    return false;
  }
}

/** Leaves the mark (in place: a torn write only fails to match). A mark that cannot be written is no error. */
export function leaveIdleMark(home: string, key: Buffer): void {
  try {
    writeFileSync(markPath(home), key, { mode: 0o600 });
  } catch {
    // read-only or vanished state directory: the next no-op sync just plans again
  }
}
