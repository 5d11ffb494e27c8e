/**
 * The sqlite-sink plugin object: the default local store at `$CODE_INSIGHTS_HOME/data.db`. Wiring only, and free of
 * zod (about 50 ms of every small sync): the option schema loads only when there are options to check.
 */
import path from 'node:path';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import type { SqliteSinkOptions } from './options.js';
import { createSqliteSink } from './sink.js';

export const PLUGIN_NAME = 'sqlite-sink';

/** File name of the database inside the state directory. */
export const DEFAULT_DB_FILE = 'data.db';

const loadOptionsSchema = async () => (await import('./options.js')).sqliteSinkOptions;

/** The sqlite-sink plugin; options given here are overridden by the ones config passes in the context. */
export function sqliteSink(options: SqliteSinkOptions = {}): SyncPlugin<SqliteSinkOptions> {
  return definePlugin<SqliteSinkOptions>({
    name: PLUGIN_NAME,
    provides: 'sink:sqlite',
    optionsSchema: loadOptionsSchema,
    async apply(hooks, context) {
      // The loader checks the options config gives; these come from code, so they are checked here (throws ZodError).
      const defaults = Object.keys(options).length === 0 ? options : (await loadOptionsSchema()).parse(options);
      const file = path.resolve(context.stateDir, context.options?.path ?? defaults.path ?? DEFAULT_DB_FILE);
      const writer = context.options?.writer ?? defaults.writer;
      hooks.upload.tap(PLUGIN_NAME, (sinks, run) => [...sinks, createSqliteSink(file, { writer, workBytes: run.work?.bytes })]);
    },
  });
}
