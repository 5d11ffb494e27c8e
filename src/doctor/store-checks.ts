/**
 * The local SQLite store, opened read-only: it opens, its schema version is one this build reads, `PRAGMA quick_check`
 * passes, and the file is owner-only. Loaded only once node:sqlite is known to load.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { LATEST_SCHEMA_VERSION } from '../../plugins-builtin/sqlite-sink/migrations.js';
import { formatError } from '../errors.js';
import { check, type DoctorCheck } from './check.js';
import { chmodFix, looseMode } from './file-mode.js';

/** Lines of a failed quick_check shown; the rest only repeat the diagnosis. */
const MAX_PROBLEMS_SHOWN = 3;

/** What opening the file told us. */
interface Inspection {
  version: number;
  /** quick_check's answer: `['ok']` for a sound file. */
  problems: string[];
}

/** Checks the store at `file`; `configured`: the sqlite sink is on, so a missing file means nothing was synced yet. */
export function checkStore(file: string, options: { configured: boolean }): DoctorCheck[] {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return options.configured ? [check('store', 'file', 'info', `${file} not created yet: run "code-insights sync"`)] : [];
  if (!stats.isFile()) return [check('store', 'file', 'fail', `${file} is not a file`, 'Move it away, or point options."sqlite-sink".path at a file')];
  const rebuild = `Move ${file} aside (keep the copy: it may hold sessions whose transcripts Claude Code has deleted since; "sqlite3 <copy> .recover" can salvage them), then run "code-insights sync --force" to rebuild the store from the transcripts still on disk`;
  const checks: DoctorCheck[] = [];
  let seen: Inspection;
  try {
    seen = inspect(file);
  } catch (error) {
    return [check('store', 'open', 'fail', `${file} cannot be read as a SQLite database (${formatError(error)})`, rebuild), ...modeCheck(file, stats)];
  }
  checks.push(check('store', 'open', 'ok', `${file} opens read-only (${(stats.size / 1024 / 1024).toFixed(1)} MiB)`));
  if (seen.version > LATEST_SCHEMA_VERSION) {
    checks.push(
      check('store', 'schema', 'fail', `schema version ${seen.version} was written by a newer code-insights (this one reads up to ${LATEST_SCHEMA_VERSION})`, 'Upgrade code-insights'),
    );
  } else if (seen.version < LATEST_SCHEMA_VERSION) {
    checks.push(
      check('store', 'schema', 'warn', `schema version ${seen.version} is older than this build's ${LATEST_SCHEMA_VERSION}; status and sessions refuse it`, 'Run "code-insights sync" once: it upgrades the store'),
    );
  } else {
    checks.push(check('store', 'schema', 'ok', `schema version ${seen.version}`));
  }
  if (seen.problems.length === 1 && seen.problems[0] === 'ok') {
    checks.push(check('store', 'integrity', 'ok', 'PRAGMA quick_check: ok'));
  } else {
    const shown = seen.problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ');
    const more = seen.problems.length > MAX_PROBLEMS_SHOWN ? ` (+${seen.problems.length - MAX_PROBLEMS_SHOWN} more)` : '';
    checks.push(check('store', 'integrity', 'fail', `${file} is damaged: PRAGMA quick_check found ${shown}${more}`, rebuild));
  }
  return [...checks, ...modeCheck(file, stats)];
}

function modeCheck(file: string, stats: Stats): DoctorCheck[] {
  const loose = looseMode(stats);
  return [loose ? check('store', 'mode', 'warn', `${file} has ${loose}; it holds whole conversations`, chmodFix(file, 0o600)) : check('store', 'mode', 'ok', 'owner-only')];
}

/**
 * Reads the schema version and runs quick_check. A read-only connection to a WAL database creates -wal and -shm files
 * when they are missing; doctor creates nothing, so without them (no sync running, none crashed mid-write, so the main
 * file holds everything) it opens the file as immutable. If a sync started meanwhile, it asks again the normal way.
 */
function inspect(file: string): Inspection {
  const live = () => existsSync(`${file}-wal`) && existsSync(`${file}-shm`);
  const immutable = !live();
  const first = inspectOnce(file, immutable);
  if (immutable && (first instanceof Error || first.problems[0] !== 'ok') && live()) {
    const second = inspectOnce(file, false);
    if (second instanceof Error) throw second;
    return second;
  }
  if (first instanceof Error) throw first;
  return first;
}

function inspectOnce(file: string, immutable: boolean): Inspection | Error {
  let db: DatabaseSync | null = null;
  try {
    const url = pathToFileURL(file);
    if (immutable) url.searchParams.set('immutable', '1');
    db = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(url, { readOnly: true, timeout: 2000 });
    const version = db.prepare('PRAGMA user_version').get()?.['user_version'];
    const problems = db
      .prepare('PRAGMA quick_check')
      .all()
      .map((row) => String(row['quick_check']));
    return { version: typeof version === 'number' ? version : 0, problems };
  } catch (error) {
    return error instanceof Error ? error : new Error(formatError(error));
  } finally {
    db?.close();
  }
}
