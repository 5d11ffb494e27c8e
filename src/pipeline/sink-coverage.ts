/**
 * Which sinks hold what the cursors cover. A sink added to the config (Firestore, on a machine that synced locally
 * for months), or pointed somewhere else, has none of it: every transcript is re-sent whole to that sink alone,
 * through the same `behind` marks as a sink that missed data because it was down.
 */
import type { FileCursor, SyncState } from '../state/checkpoint-store.js';

/** The sinks `cursor` is behind on once `sinks` are added to its marks (each named once). */
export function behindWith(cursor: FileCursor, sinks: ReadonlyArray<string>): string[] {
  return [...new Set([...(cursor.behind ?? []), ...sinks])];
}

/** The name of a sink as `expectedSinks` lists it (`firestore my-project/(default)` → `firestore`). */
export function sinkName(sink: string): string {
  return sink.split(' ', 1)[0] as string;
}

/**
 * The names of the sinks of `sinks` (as `expectedSinks` lists them, with where they write) that the state's cursors
 * do not cover yet. None for a state that does not record its sinks.
 */
export function addedSinks(state: SyncState, sinks: ReadonlyArray<string>): string[] {
  const covered = state.sinks;
  return covered ? [...new Set(sinks.filter((sink) => !covered.includes(sink)).map(sinkName))] : [];
}

/**
 * At the start of a run that writes: marks every cursor behind on the added sinks (a checkpoint saves the marks, so
 * an interrupted catch-up goes on next time), and records `sinks` as the ones the cursors now answer for.
 */
export function coverSinks(state: SyncState, sinks: ReadonlyArray<string>): void {
  const added = addedSinks(state, sinks);
  if (added.length > 0) {
    for (const cursor of Object.values(state.files)) cursor.behind = behindWith(cursor, added);
  }
  state.sinks = [...sinks];
}

/** A sink no longer configured is behind on nothing: its marks would keep every later run from being a no-op. */
export function forgetRemovedSinks(state: SyncState, names: ReadonlySet<string>): void {
  for (const cursor of Object.values(state.files)) {
    if (!cursor.behind) continue;
    const kept = cursor.behind.filter((name) => names.has(name));
    if (kept.length > 0) cursor.behind = kept;
    else delete cursor.behind;
  }
}
