/**
 * Forgets the cursors of transcripts that are gone. Claude Code deletes transcripts after 30 days, and a cursor
 * kept for each one would grow the state with every session ever synced: 20,000 stale cursors (a heavy user's
 * months) made the state 10 MB and every hook sync ~150 ms slower. The stores keep those sessions; only this
 * bookkeeping goes, with the folds beside it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../records/types.js';
import type { SyncState } from '../state/checkpoint-store.js';

/**
 * Drops from `state` the cursors of files that no longer exist, and returns their paths. Kept: a
 * cursor whose session still has a transcript (a main transcript's roll-ups read its subagents' folds), and every
 * cursor outside the roots this discovery found transcripts in (a config dir that is missing now may come back).
 * Only for a run that saw everything: not a dry run, not `--project`, no source failed.
 */
export function forgetVanished(files: ReadonlyArray<SourceFile>, state: SyncState): string[] {
  // Nearly every run: each cursor belongs to a transcript found, so there is nothing to look for.
  const tracked = Object.keys(state.files);
  let found = 0;
  for (const file of files) if (state.files[file.path] !== undefined) found += 1;
  if (found === tracked.length) return [];

  const discovered = new Set<string>();
  const liveSessions = new Set<string>();
  const roots = new Set<string>();
  for (const file of files) {
    discovered.add(file.path);
    roots.add(file.root.endsWith(path.sep) ? file.root : file.root + path.sep);
    // Legacy agent files name their session inside: their cursor knows it.
    const sessionId = file.sessionId ?? state.files[file.path]?.sessionId;
    if (sessionId !== undefined) liveSessions.add(sessionId);
  }
  const gone: string[] = [];
  for (const p of tracked) {
    const cursor = state.files[p];
    if (!cursor || discovered.has(p) || liveSessions.has(cursor.sessionId) || !underAny(p, roots)) continue;
    // Discovery skips empty files: one emptied to be rewritten keeps its cursor, so its old messages get replaced.
    if (existsSync(p)) continue;
    gone.push(p);
    delete state.files[p];
  }
  return gone;
}

function underAny(file: string, roots: ReadonlySet<string>): boolean {
  for (const root of roots) if (file.startsWith(root)) return true;
  return false;
}
