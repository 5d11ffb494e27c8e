/**
 * Orders a run's work: the hook's session first, and within a session its subagent files before the main file,
 * so the main session's roll-up sees their latest folds. A main file whose subagents changed is re-emitted.
 */
import path from 'node:path';
import type { SyncState } from '../state/checkpoint-store.js';
import { needsWork, type PlannedFile } from './plan.js';

export interface WorkList {
  /** Transcripts known to need work (re-emitted mains may add a few). */
  length: number;
  /** Bytes those transcripts have past their start offsets (a re-read may add some). */
  bytes: number;
  /** Yields work lazily: which mains need a re-emit is known only after their subagent files were parsed. */
  items(state: SyncState): Iterable<PlannedFile>;
}

function sessionOf(item: PlannedFile): string | undefined {
  return item.cursor?.sessionId ?? item.file.sessionId;
}

export function orderWork(planned: PlannedFile[], first: string[]): WorkList {
  const firstPaths = new Set(first.map((p) => path.resolve(p)));
  const prioritySessions = new Set<string>();
  for (const item of planned) {
    if (firstPaths.has(item.file.path)) {
      const id = sessionOf(item) ?? path.basename(item.file.path, '.jsonl');
      prioritySessions.add(id);
    }
  }
  const changed = planned.filter(needsWork);
  const isPriority = (p: PlannedFile) => firstPaths.has(p.file.path) || prioritySessions.has(sessionOf(p) ?? '');
  const children = (priority: boolean) => changed.filter((p) => p.file.kind !== 'main' && isPriority(p) === priority);
  const mains = planned.filter((p) => p.file.kind === 'main');

  return {
    length: changed.length,
    bytes: changed.reduce((sum, p) => sum + Math.max(0, p.file.size - p.startOffset), 0),
    *items(state: SyncState) {
      for (const priority of [true, false]) {
        const done = new Set<string>();
        for (const child of children(priority)) {
          yield child;
          const owner = state.files[child.file.path]?.sessionId;
          if (owner) done.add(owner);
        }
        for (const main of mains) {
          if (isPriority(main) !== priority) continue;
          const id = sessionOf(main) ?? '';
          if (needsWork(main)) yield main;
          else if (done.has(id) && main.cursor) yield { ...main, startOffset: main.cursor.offset };
        }
      }
    },
  };
}
