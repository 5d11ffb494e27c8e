/** What the state remembers per transcript, and the check that a value read back is one. */

export const STATE_VERSION = 1;

/** What we remember of one transcript. `size/mtimeMs/ino/head` fingerprint it; `offset` is the cursor. */
export interface FileCursor {
  sessionId: string;
  kind: 'main' | 'subagent' | 'compaction';
  size: number;
  mtimeMs: number;
  ino: number;
  /** Hash of the first bytes, checked when the file changed, to tell growth from a rewrite. */
  head: string;
  /** Bytes covered by `head`. */
  headBytes: number;
  /** Byte offset just after the last complete line synced. */
  offset: number;
  projectId: string;
  projectName: string;
  projectPath: string;
  syncedAt: string;
  /** Sinks that missed some of this transcript (down, or refused it): they get it whole on a later run. */
  behind?: string[];
}

export interface SyncState {
  version: number;
  /**
   * The sinks that hold everything the cursors cover (but what a cursor's `behind` names), each with where it writes
   * (`expectedSinks`): a sink added or moved since is sent every transcript. Absent in states written before it was
   * kept: then taken to be the sinks of the run.
   */
  sinks?: string[];
  files: Record<string, FileCursor>;
}

/** True when `value` can be a state's `sinks` (absent, or a list of names). */
export function isSinkList(value: unknown): value is string[] | undefined {
  return value === undefined || (Array.isArray(value) && value.every((name) => typeof name === 'string'));
}

/** A plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` has the fields a cursor cannot do without (the state is checked by hand: it is read on every sync). */
export function isCursor(value: unknown): value is FileCursor {
  return (
    isRecord(value) &&
    typeof value.sessionId === 'string' &&
    typeof value.size === 'number' &&
    typeof value.mtimeMs === 'number' &&
    typeof value.ino === 'number' &&
    typeof value.offset === 'number' &&
    typeof value.head === 'string'
  );
}
