/** Built-in SQLite sink: the default local store at `$CODE_INSIGHTS_HOME/data.db`. Wiring only. */
import path from 'node:path';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { DEFAULT_DB_FILE, sqliteSinkOptions, type SqliteSinkOptions } from './options.js';
import { createSqliteSink } from './sink.js';

export const PLUGIN_NAME = 'sqlite-sink';

/** The sqlite-sink plugin; options given here are overridden by the ones config passes in the context. */
export function sqliteSink(options: SqliteSinkOptions = {}): SyncPlugin<SqliteSinkOptions> {
  const defaults = sqliteSinkOptions.parse(options);
  return definePlugin<SqliteSinkOptions>({
    name: PLUGIN_NAME,
    provides: 'sink:sqlite',
    optionsSchema: sqliteSinkOptions,
    apply(hooks, context) {
      const file = path.resolve(context.stateDir, context.options?.path ?? defaults.path ?? DEFAULT_DB_FILE);
      const writer = context.options?.writer ?? defaults.writer;
      hooks.upload.tap(PLUGIN_NAME, (sinks, run) => [...sinks, createSqliteSink(file, { writer, workBytes: run.work?.bytes })]);
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
