/**
 * Which sinks hold what the cursors cover. A sink added to the config (Firestore, on a machine that synced locally
 * for months) has none of it: every transcript is re-sent whole to that sink alone, through the same `behind` marks
 * as a sink that missed data because it was down.
 */
import type { SyncState } from '../state/checkpoint-store.js';

/** The sinks of `sinks` the state's cursors do not cover yet. None for a state that does not record its sinks. */
export function addedSinks(state: SyncState, sinks: ReadonlyArray<string>): string[] {
  const covered = state.sinks;
  return covered ? sinks.filter((name) => !covered.includes(name)) : [];
}

/**
 * At the start of a run that writes: marks every cursor behind on the added sinks (a checkpoint saves the marks, so
 * an interrupted catch-up goes on next time), and records `sinks` as the ones the cursors now answer for.
 */
export function coverSinks(state: SyncState, sinks: ReadonlyArray<string>): void {
  const added = addedSinks(state, sinks);
  if (added.length > 0) {
    for (const cursor of Object.values(state.files)) cursor.behind = [...new Set([...(cursor.behind ?? []), ...added])];
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
