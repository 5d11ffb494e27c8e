/** Which transcripts belong to which session, and the folds of a main transcript's subagent files. */
import type { SourceFile } from '../records/types.js';
import type { FileCursor, SyncState } from '../state/checkpoint-store.js';
import type { FoldStore } from '../state/fold-store.js';

/** Folds of the other files of a main transcript's session, for roll-ups over its subagents. */
export function relatedFolds(file: SourceFile, state: SyncState, folds: FoldStore, index: SessionIndex): Array<{ file: SourceFile; fold: unknown }> {
  const sessionId = file.sessionId;
  if (!sessionId) return [];
  const related: Array<{ file: SourceFile; fold: unknown }> = [];
  for (const p of index.filesOf(sessionId)) {
    const cursor = state.files[p];
    if (p === file.path || !cursor || cursor.sessionId !== sessionId || cursor.kind === 'main') continue;
    const fold = folds.load(p, cursor.offset);
    if (fold === undefined) continue;
    related.push({
      file: { ...file, path: p, kind: cursor.kind, size: cursor.size, mtimeMs: cursor.mtimeMs, ino: cursor.ino, sessionId },
      fold,
    });
  }
  return related;
}

/** Transcript paths by owning session id, built once per run and kept current as cursors are written. */
export class SessionIndex {
  readonly #bySession = new Map<string, Set<string>>();

  constructor(state: SyncState) {
    const files = state.files;
    // Keys, not entries: no pair array per transcript (thousands, on every sync that writes).
    for (const p of Object.keys(files)) this.add((files[p] as FileCursor).sessionId, p);
  }

  add(sessionId: string, file: string): void {
    let files = this.#bySession.get(sessionId);
    if (!files) {
      files = new Set();
      this.#bySession.set(sessionId, files);
    }
    files.add(file);
  }

  filesOf(sessionId: string): Iterable<string> {
    return this.#bySession.get(sessionId) ?? [];
  }
}

