/** Where the state file is, and which version of it is there: all a sync with nothing to do needs of the state. */
import { statSync } from 'node:fs';
import path from 'node:path';

/** Path of the state file. */
export function statePath(home: string): string {
  return path.join(home, 'sync-state.json');
}

/**
 * Identifies the state file's current version (it is replaced, never rewritten in place): a run that read the state
 * once can tell, after taking the lock, whether another sync wrote it since. Null when there is no file.
 */
export function stateStamp(home: string): string | null {
  const st = statSync(statePath(home), { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : null;
}
