/** Options of the sqlite-sink plugin (config key `plugins` → `sqlite-sink`). */
import { z } from 'zod';

/**
 * `path`: the database file; default `<CODE_INSIGHTS_HOME>/data.db`.
 * `writer`: where SQLite work runs: `auto` (a worker thread for big syncs), `thread` (always), `inline` (never).
 */
export const sqliteSinkOptions = z
  .object({
    path: z.string().min(1).optional(),
    writer: z.enum(['auto', 'thread', 'inline']).optional(),
  })
  .strict();

export type SqliteSinkOptions = z.infer<typeof sqliteSinkOptions>;

/** File name of the database inside the state directory. */
export const DEFAULT_DB_FILE = 'data.db';
