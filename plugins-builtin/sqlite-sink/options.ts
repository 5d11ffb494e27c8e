/**
 * Options of the sqlite-sink plugin (config key `plugins` → `sqlite-sink`). A sync loads this file (and zod) only
 * when there are options to check.
 */
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
