/** Built-in SQLite sink: the default local store at `$CODE_INSIGHTS_HOME/data.db`. Wiring only. */
import path from 'node:path';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { DEFAULT_DB_FILE, sqliteSinkOptions, type SqliteSinkOptions } from './options.js';
import { createSqliteSink } from './sink.js';
import { createWorkerSqliteSink } from './worker-sink.js';

export const PLUGIN_NAME = 'sqlite-sink';

/**
 * The built plugin writes from a worker thread so that writing overlaps parsing. Run from TypeScript sources
 * (tests), a worker could not load `.ts` siblings by their `.js` names, so the same store runs in-process there.
 */
const WORKER_URL = import.meta.url.endsWith('.js') ? new URL('./sqlite-worker.js', import.meta.url) : null;

/** Below this much transcript to read, starting the thread costs more than it saves. */
const WORKER_MIN_BYTES = 64 * 1024 * 1024;

/** The sqlite-sink plugin; options given here are overridden by the ones config passes in the context. */
export function sqliteSink(options: SqliteSinkOptions = {}): SyncPlugin<SqliteSinkOptions> {
  const defaults = sqliteSinkOptions.parse(options);
  return definePlugin<SqliteSinkOptions>({
    name: PLUGIN_NAME,
    provides: 'sink:sqlite',
    optionsSchema: sqliteSinkOptions,
    apply(hooks, context) {
      const file = path.resolve(context.stateDir, context.options?.path ?? defaults.path ?? DEFAULT_DB_FILE);
      hooks.upload.tap(PLUGIN_NAME, (sinks, run) => {
        // A thread pays off only when there is much to write; a hook run or a grown session writes in-process.
        const threaded = WORKER_URL !== null && (run.workBytes ?? Number.POSITIVE_INFINITY) >= WORKER_MIN_BYTES;
        return [...sinks, threaded ? createWorkerSqliteSink(file, WORKER_URL) : createSqliteSink(file)];
      });
    },
  });
}

export { createSqliteSink } from './sink.js';
export { SqliteStore, type SessionFilter, type StoreCounts } from './store.js';
export type { ProjectDevice, ProjectSummary } from './projects-query.js';
export type { MessageHit } from './search.js';
export { toFtsQuery } from './search.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export { BUSY_TIMEOUT_MS } from './open-database.js';
export { sqliteSinkOptions, DEFAULT_DB_FILE, type SqliteSinkOptions } from './options.js';
