/** code-insights-plugin-ndjson: a sink exporting each synced session to `<dir>/<session id>.ndjson`. */
import { mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sink } from 'code-insights/plugin';
import { definePlugin, z } from 'code-insights/plugin';
import { readSessionFile, updateTitle, writeBatch } from './ndjson-file.js';

export const PLUGIN_NAME = 'ndjson-sink';

/** Options, validated by the loader before `apply` (errors name the config file and key). */
export const optionsSchema = z
  .object({
    dir: z.string().min(1).describe('Export directory; `~/` is your home, relative paths are under $CODE_INSIGHTS_HOME (default "ndjson")').optional(),
  })
  .strict();
export type NdjsonSinkOptions = z.infer<typeof optionsSchema>;

/** The sink itself: plain file writes, idempotent, so the pipeline may re-send a batch after a failure. */
export function createNdjsonSink(dir: string): Sink {
  return {
    name: 'ndjson',
    async open() {
      mkdirSync(dir, { recursive: true });
    },
    async write(batch) {
      writeBatch(dir, batch);
    },
    async *listSessions(filter) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort()) {
        const { session } = readSessionFile(path.join(dir, name));
        if (session && (filter.project === null || session.projectName === filter.project || session.projectPath === filter.project)) yield session;
      }
    },
    async updateTitles(updates) {
      for (const update of updates) updateTitle(dir, update);
    },
    async close() {},
  };
}

/** `~/x` → the home directory; relative → under the state directory. */
export function resolveDir(stateDir: string, dir: string): string {
  if (dir === '~' || dir.startsWith('~/')) return path.join(process.env.HOME?.trim() || os.homedir(), dir.slice(2));
  return path.resolve(stateDir, dir);
}

/** The plugin: adds the sink to every run. `provides: 'sink:ndjson'` lets a config say `"sink": ["sqlite", "ndjson"]`. */
export function ndjsonSink() {
  return definePlugin<NdjsonSinkOptions>({
    name: PLUGIN_NAME,
    provides: 'sink:ndjson',
    optionsSchema,
    apply(hooks, context) {
      const dir = resolveDir(context.stateDir, context.options.dir ?? 'ndjson');
      hooks.upload.tap(PLUGIN_NAME, (sinks) => [...sinks, createNdjsonSink(dir)]);
    },
  });
}

export default ndjsonSink;
