/**
 * A source's fold (its running summary of a transcript) kept beside the cursor, one small file per transcript,
 * so a grown transcript continues from its offset instead of being re-read. Loaded only for files that changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Directory of fold files. */
export function foldDir(home: string): string {
  return path.join(home, 'folds');
}

function foldFile(home: string, transcript: string): string {
  return path.join(foldDir(home), `${createHash('sha256').update(transcript).digest('hex').slice(0, 24)}.json`);
}

/** Returns the fold saved for `transcript` at exactly `offset`, or undefined (then the transcript is re-read). */
export function loadFold(home: string, transcript: string, offset: number): unknown {
  const file = foldFile(home, transcript);
  if (!existsSync(file)) return undefined;
  try {
    const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof saved !== 'object' || saved === null) return undefined;
    const { path: p, offset: o, fold } = saved as { path?: unknown; offset?: unknown; fold?: unknown };
    // A fold from another offset (crash between fold and cursor writes) is useless: start over, the store de-duplicates.
    return p === transcript && o === offset ? fold : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the fold reached at `offset`. */
export function saveFold(home: string, transcript: string, offset: number, fold: unknown): void {
  // No fsync: a fold lost in a power cut fails its offset check and the transcript is simply re-read.
  writeFileAtomic(foldFile(home, transcript), JSON.stringify({ path: transcript, offset, fold }), { mode: 0o600, fsync: false });
}

/** Forgets a transcript's fold (used by --force). */
export function dropFold(home: string, transcript: string): void {
  rmSync(foldFile(home, transcript), { force: true });
}
