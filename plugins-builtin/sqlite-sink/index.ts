/**
 * Built-in SQLite sink: the default local store at `$CODE_INSIGHTS_HOME/data.db`. This entry also exports the read side
 * and the option schema, which load zod; a sync loads the plugin from plugin.js, which does not.
 */
export { sqliteSink, PLUGIN_NAME, DEFAULT_DB_FILE } from './plugin.js';
export { createSqliteSink } from './sink.js';
export { SqliteStore, type SessionFilter, type StoreCounts } from './store.js';
export type { ProjectDevice, ProjectSummary } from './projects-query.js';
export type { MessageHit } from './search.js';
export type { StoreStats } from './stats-query.js';
export { toFtsQuery } from './search.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export { BUSY_TIMEOUT_MS } from './open-database.js';
export { sqliteSinkOptions, type SqliteSinkOptions } from './options.js';
