/**
 * The plan of a run in which the idle mark still vouches for all but a few transcripts (a session that grew, the
 * hook's usual case): only their cursors, and those of their sessions' other transcripts (for roll-ups and
 * re-emits), are read from the state, and only their lines are written back. With 5,000 transcripts that leaves
 * out parsing, planning and serialising ~2 MB of state on every such run.
 */
import { needsWork, planFiles, type PlannedFile } from '../pipeline/plan.js';
import type { SourceFile } from '../records/types.js';
import { readStateText, type SyncState } from '../state/checkpoint-store.js';
import { STATE_VERSION } from '../state/cursor.js';
import type { StateText } from '../state/state-text.js';
import { markedChanges } from './idle-mark.js';

/** Past this many changed transcripts, reading the state whole costs less than looking them up one by one. */
const MAX_CHANGED = 64;

export interface PartialPlan {
  /** The cursors read: the changed transcripts' and those of every transcript of their sessions. */
  state: SyncState;
  /** The state file's text they were read from, to save them back into. */
  text: StateText;
  /** The plan of the discovered transcripts among them, in discovery order. */
  planned: PlannedFile[];
  /** Discovered transcripts the mark vouches for: unchanged, and not in `planned`. */
  vouched: number;
}

/**
 * The partial plan of `files` against the state file `stamp` and the idle `mark` (as read), for a run writing to
 * `sinks`, or null when the run must plan everything: no mark for this state file, a transcript it vouched for is
 * gone, too many changed, a state file in an older layout, a new transcript whose session is not known before it is
 * parsed, or nothing to do after all.
 */
export function partialPlan(
  home: string,
  mark: Buffer | null,
  stamp: string,
  files: ReadonlyArray<SourceFile>,
  sinks: ReadonlyArray<string>,
): PartialPlan | null {
  const changed = markedChanges(mark, stamp, files, sinks);
  if (!changed || changed.length === 0 || changed.length > MAX_CHANGED) return null;
  const text = readStateText(home);
  if (!text) return null;

  const state: SyncState = { version: STATE_VERSION, ...(text.sinks ? { sinks: text.sinks } : {}), files: {} };
  const sessions = new Set<string>();
  for (const file of changed) {
    const cursor = text.cursorOf(file.path);
    if (cursor) {
      state.files[file.path] = cursor;
      sessions.add(cursor.sessionId);
    }
    if (file.sessionId !== undefined) sessions.add(file.sessionId);
    // A new legacy subagent file names its session only inside, so its main transcript is not known yet.
    else if (!cursor) return null;
  }
  for (const id of sessions) {
    for (const [path, cursor] of text.cursorsOfSession(id)) state.files[path] = cursor;
  }

  const wanted = new Set(changed.map((file) => file.path));
  for (const path of Object.keys(state.files)) wanted.add(path);
  const toPlan = files.filter((file) => wanted.has(file.path));
  const planned = planFiles(toPlan, state, { force: false, project: null, sinks });
  if (!planned.some(needsWork)) return null;
  return { state, text, planned, vouched: files.length - toPlan.length };
}
