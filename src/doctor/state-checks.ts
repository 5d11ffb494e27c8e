/** The state directory: present, owner-only, its sync-state.json readable and of a version this build knows, the lock. */
import { statSync } from 'node:fs';
import { formatError } from '../errors.js';
import { count } from '../cli/count.js';
import { loadState, statePath } from '../state/checkpoint-store.js';
import { check, suggestionsOf, type DoctorCheck } from './check.js';
import { chmodFix, looseMode } from './file-mode.js';
import { checkLock } from './lock-check.js';

/** Checks `$CODE_INSIGHTS_HOME`; a directory not created yet is a fact (info), not a problem. */
export function checkState(home: string): DoctorCheck[] {
  const dir = statSync(home, { throwIfNoEntry: false });
  if (!dir) return [check('state', 'dir', 'info', `${home} not created yet: run "code-insights sync"`)];
  if (!dir.isDirectory()) {
    return [check('state', 'dir', 'fail', `${home} is not a directory`, 'Move it away, or point CODE_INSIGHTS_HOME at a directory')];
  }
  const loose = looseMode(dir);
  return [
    loose
      ? check('state', 'dir', 'warn', `${home} has ${loose}; it holds whole conversations`, chmodFix(home, 0o700))
      : check('state', 'dir', 'ok', `${home} (owner-only)`),
    ...checkStateFile(home),
    checkLock(home),
  ];
}

function checkStateFile(home: string): DoctorCheck[] {
  const file = statePath(home);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return [check('state', 'file', 'info', `no ${file} yet: nothing synced`)];
  const checks: DoctorCheck[] = [];
  try {
    const state = loadState(home);
    checks.push(check('state', 'file', 'ok', `${file}: ${count(Object.keys(state.files).length, 'transcript')} tracked`));
  } catch (error) {
    // CheckpointError: corrupt, or written by a newer version; its suggestion says what to do.
    checks.push(check('state', 'file', 'fail', formatError(error), suggestionsOf(error) ?? `Move ${file} aside and run "code-insights sync --force"`));
  }
  const loose = looseMode(stats);
  if (loose) checks.push(check('state', 'file-mode', 'warn', `${file} has ${loose}`, chmodFix(file, 0o600)));
  return checks;
}
