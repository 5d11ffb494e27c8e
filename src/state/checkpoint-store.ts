/**
 * Per-transcript cursors in `$CODE_INSIGHTS_HOME/sync-state.json`: versioned, written atomically (0600),
 * advanced only after every sink acknowledged the data before the offset.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CheckpointError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { isCursor, isRecord, isSinkList, STATE_VERSION, type FileCursor, type SyncState } from './cursor.js';
import { serializeState, StateText } from './state-text.js';

import { statePath } from './state-file.js';

export type { FileCursor, SyncState } from './cursor.js';
export { statePath, stateStamp } from './state-file.js';

/** Reads the state; a missing file is an empty state, a corrupt one is an error (never silently reset). */
export function loadState(home: string): SyncState {
  const file = statePath(home);
  if (!existsSync(file)) return { version: STATE_VERSION, files: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw corrupt(file, (error as Error).message);
  }
  // Hand-checked rather than zod: this runs on every (no-op) sync and must stay cheap.
  if (!isRecord(raw) || typeof raw.version !== 'number' || !isRecord(raw.files)) throw corrupt(file, 'unexpected shape');
  if (raw.version > STATE_VERSION) {
    throw new CheckpointError(`${file} was written by a newer code-insights (state version ${raw.version})`, {
      suggestions: ['Upgrade code-insights'],
    });
  }
  if (!isSinkList(raw.sinks)) throw corrupt(file, 'bad "sinks"');
  for (const [p, cursor] of Object.entries(raw.files)) {
    if (!isCursor(cursor)) throw corrupt(file, `bad entry for ${p}`);
  }
  return { version: STATE_VERSION, ...(raw.sinks ? { sinks: raw.sinks } : {}), files: raw.files as Record<string, FileCursor> };
}

/** Writes the state atomically with mode 0600 in a 0700 directory. */
export function saveState(home: string, state: SyncState): void {
  writeState(home, serializeState(state));
}

/**
 * The state file as text, for a run that reads only some cursors (`StateText`) and saves by replacing their lines
 * (`saveStateText`). Null when there is no file or it is not in the line layout (written by an older version).
 * A line it reads that is not a cursor is reported as a corrupt state, as `loadState` would.
 */
export function readStateText(home: string): StateText | null {
  const file = statePath(home);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  return StateText.from(bytes, (detail) => corrupt(file, detail));
}

/** Writes `state` (the cursors read through `text`, changed, plus new ones) with every other line kept. */
export function saveStateText(home: string, text: StateText, state: SyncState): void {
  writeState(home, text.save(state));
}

function writeState(home: string, content: string | Buffer[]): void {
  writeFileAtomic(statePath(home), content, { mode: 0o600, dirMode: 0o700 });
}

function corrupt(file: string, detail: string): CheckpointError {
  return new CheckpointError(`${file} is corrupt (${detail})`, {
    suggestions: [`Move ${file} aside and run "code-insights sync --force" to re-read every transcript (the store de-duplicates)`],
  });
}
