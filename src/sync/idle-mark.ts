/**
 * The idle mark, `$CODE_INSIGHTS_HOME/idle-mark.bin`: "planning exactly these transcripts against this state file
 * found nothing to do". A no-op sync whose discovery and state file both match the mark skips reading and planning
 * the state (~2 MB of JSON for 5,000 transcripts, a third of a no-op's time). Any change to either sends the run
 * through the full check, which leaves a new mark when it too finds nothing; so does a sync that wrote everything it
 * found. Only a cache: a torn or missing mark just costs one full check.
 */
import { closeSync, openSync, readFileSync, writevSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../records/types.js';

/** Size, mtime and inode of each transcript, as float64. */
const NUMBERS_PER_FILE = 3;
const NUMBER_BYTES = NUMBERS_PER_FILE * Float64Array.BYTES_PER_ELEMENT;

function markPath(home: string): string {
  return path.join(home, 'idle-mark.bin');
}

/**
 * What the plan compares, exactly: the state file's stamp and the run's sinks, then every transcript's path, size,
 * mtime and inode.
 * Binary, not hashed: encoding the numbers as text, or loading node:crypto, costs a no-op sync more than the
 * comparison of ~140 bytes per transcript. Readable back (`markedChanges`): the count of transcripts, their paths
 * one per line, then three float64 per transcript. In three parts (head, paths, numbers), compared and written as
 * they are: joining them copied ~600 KB for 5,000 transcripts, twice in a sync that wrote.
 */
export type IdleKey = readonly [head: Buffer, paths: Buffer, numbers: Buffer];

export function idleKey(stateStamp: string, files: ReadonlyArray<SourceFile>, sinks: ReadonlyArray<string>): IdleKey {
  const [paths, numbers] = discoveryParts(files);
  return [Buffer.from(`${keyHead(stateStamp, sinks)}${files.length}\n`), paths, numbers];
}

function keyHead(stateStamp: string, sinks: ReadonlyArray<string>): string {
  return `${stateStamp}\n${JSON.stringify(sinks)}\n`;
}

// A sync that wrote builds the key of one discovery twice (checked before, left after, with a new stamp).
const knownParts = new WeakMap<ReadonlyArray<SourceFile>, [Buffer, Buffer]>();

function discoveryParts(files: ReadonlyArray<SourceFile>): [Buffer, Buffer] {
  const known = knownParts.get(files);
  if (known) return known;
  const numbers = new Float64Array(files.length * NUMBERS_PER_FILE);
  for (let i = 0; i < files.length; i += 1) {
    const file = files[i] as SourceFile;
    numbers[NUMBERS_PER_FILE * i] = file.size;
    numbers[NUMBERS_PER_FILE * i + 1] = file.mtimeMs;
    numbers[NUMBERS_PER_FILE * i + 2] = file.ino;
  }
  const parts: [Buffer, Buffer] = [Buffer.from(`${files.map((file) => file.path).join('\n')}\n`), Buffer.from(numbers.buffer)];
  knownParts.set(files, parts);
  return parts;
}

/** True when `mark` holds exactly `key`. */
export function markIs(mark: Buffer | null, key: IdleKey): boolean {
  if (mark === null || mark.length !== key.reduce((n, part) => n + part.length, 0)) return false;
  let at = 0;
  for (const part of key) {
    if (mark.compare(part, 0, part.length, at, at + part.length) !== 0) return false;
    at += part.length;
  }
  return true;
}

/** The mark left last, or null when there is none. Read once per run: the quick check and the partial plan share it. */
export function readIdleMark(home: string): Buffer | null {
  try {
    return readFileSync(markPath(home));
  } catch {
    return null;
  }
}

/**
 * The transcripts of `files` the mark cannot vouch for (new, or changed in size, mtime or inode), when the mark
 * was left for the state file `stateStamp` still is, and for the same sinks: every other transcript is unchanged
 * against that state. Null when there is no such mark, or a transcript it vouched for is gone (the run then checks
 * everything).
 */
export function markedChanges(
  mark: Buffer | null,
  stateStamp: string,
  files: ReadonlyArray<SourceFile>,
  sinks: ReadonlyArray<string>,
): SourceFile[] | null {
  if (mark === null) return null;
  // The usual case: the same transcripts in the same order, so only their numbers need comparing.
  const [keyHeadBytes, keyPaths, keyNumbers] = idleKey(stateStamp, files, sinks);
  const numbersStart = keyHeadBytes.length + keyPaths.length;
  if (
    mark.length === numbersStart + keyNumbers.length &&
    mark.compare(keyHeadBytes, 0, keyHeadBytes.length, 0, keyHeadBytes.length) === 0 &&
    mark.compare(keyPaths, 0, keyPaths.length, keyHeadBytes.length, numbersStart) === 0
  ) {
    return differingRecords(mark.subarray(numbersStart), keyNumbers, 0, files.length, []).map((i) => files[i] as SourceFile);
  }
  const head = Buffer.from(keyHead(stateStamp, sinks));
  const countEnd = mark.indexOf(10, head.length);
  if (countEnd < 0 || mark.compare(head, 0, head.length, 0, head.length) !== 0) return null;
  const count = Number(mark.toString('latin1', head.length, countEnd));
  const numbersAt = mark.length - count * NUMBER_BYTES;
  if (!Number.isSafeInteger(count) || numbersAt <= countEnd) return null;
  const paths = mark.toString('utf8', countEnd + 1, numbersAt).split('\n');
  // A path with a newline in it would shift every later one: such a mark is only good for the exact comparison.
  if (paths.length !== count + 1 || paths[count] !== '') return null;
  // Copied: a Float64Array needs an aligned offset.
  const marked = new Float64Array(mark.buffer.slice(mark.byteOffset + numbersAt, mark.byteOffset + mark.length));
  const index = new Map<string, number>();
  for (let i = 0; i < count; i += 1) index.set(paths[i] as string, i);

  const changed: SourceFile[] = [];
  let vouched = 0;
  for (const file of files) {
    const i = index.get(file.path);
    if (i === undefined) {
      changed.push(file);
      continue;
    }
    vouched += 1;
    const at = NUMBERS_PER_FILE * i;
    if (marked[at] !== file.size || marked[at + 1] !== file.mtimeMs || marked[at + 2] !== file.ino) changed.push(file);
  }
  return vouched === count ? changed : null;
}

/**
 * Adds to `out` the indexes of the per-transcript records in [from, to) whose bytes differ between `a` and `b`, by
 * halving: a few native comparisons find the one transcript that grew among thousands.
 */
function differingRecords(a: Buffer, b: Buffer, from: number, to: number, out: number[]): number[] {
  const begin = from * NUMBER_BYTES;
  const end = to * NUMBER_BYTES;
  if (from >= to || a.compare(b, begin, end, begin, end) === 0) return out;
  if (to - from === 1) {
    out.push(from);
    return out;
  }
  const middle = (from + to) >>> 1;
  differingRecords(a, b, from, middle, out);
  return differingRecords(a, b, middle, to, out);
}

/** Leaves the mark (in place: a torn write only fails to match). A mark that cannot be written is no error. */
export function leaveIdleMark(home: string, key: IdleKey): void {
  try {
    const fd = openSync(markPath(home), 'w', 0o600);
    try {
      writevSync(fd, [...key]);
    } finally {
      closeSync(fd);
    }
  } catch {
    // read-only or vanished state directory: the next no-op sync just plans again
  }
}
