/** Merges the full-text index into one b-tree after a bulk write, so the syncs after it do not pay for merging. */
import type { DatabaseSync } from 'node:sqlite';

/** A run that wrote at least 1/BULK_SHARE of all message rows compacts the index; smaller runs leave it to FTS5. */
const BULK_SHARE = 4;

/**
 * A first sync commits every few seconds and leaves a dozen index segments of mixed sizes behind. FTS5 merges them
 * a few pages at a time (automerge) during later commits, so the next small sync paid for it: the commit of a 5 MiB
 * growth on a 500 MiB history took 13 ms instead of 6, its checkpoint 5.5 instead of 4 (measured). FTS5 'optimize'
 * rewrites the whole index, ~90 ms for that history's 7 MB, hence only after a run that wrote a good share of it.
 * Returns whether it ran.
 */
export function compactIndexAfterBulk(db: DatabaseSync, rowsWritten: number): boolean {
  if (rowsWritten === 0) return false;
  // pk only grows, so its maximum is the number of rows ever stored: a bound of the index size, found in one lookup.
  const stored = Number(db.prepare('SELECT max(pk) AS n FROM messages').get()?.['n'] ?? 0);
  if (rowsWritten * BULK_SHARE < stored) return false;
  try {
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')");
    return true;
  } catch {
    // Whatever stopped it (another writer holding the lock past the busy timeout, a full disk), the run's data is
    // committed and the index whole: it stays in segments, which FTS5 merges over time.
    return false;
  }
}
