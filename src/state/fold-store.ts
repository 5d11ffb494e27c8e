/**
 * A source's fold (its running summary of a transcript) kept beside the cursor, one small file per transcript,
 * so a grown transcript continues from its offset instead of being re-read. Loaded only for files that changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
  // Written in place, without temp file or fsync (one per transcript, so it is on the first sync's critical path):
  // a torn or lost fold fails to parse or its offset check, and the transcript is simply re-read.
  const file = foldFile(home, transcript);
  const data = JSON.stringify({ path: transcript, offset, fold });
  try {
    writeFileSync(file, data, { mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, data, { mode: 0o600 });
  }
}

/** Forgets a transcript's fold (used by --force). */
export function dropFold(home: string, transcript: string): void {
  rmSync(foldFile(home, transcript), { force: true });
}
