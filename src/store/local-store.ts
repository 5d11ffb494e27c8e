/** Where the local SQLite store is for this config, and a read-only handle to it for the read commands. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DB_FILE, SqliteStore } from '../../plugins-builtin/sqlite-sink/index.js';
import { configSinks } from '../config/defaults.js';
import { loadConfig } from '../config/load-config.js';
import { codeInsightsHome } from '../config/paths.js';
import type { CodeInsightsConfig } from '../config/schema.js';

/** Path of `data.db` (config `options.sqlite-sink.path`, relative to the state directory). */
export function localStorePath(config: CodeInsightsConfig, home: string): string {
  const configured = config.options?.['sqlite-sink']?.path;
  return path.resolve(home, typeof configured === 'string' ? configured : DEFAULT_DB_FILE);
}

/** Opens the store read-only, or returns null when nothing was synced yet (reading never creates it). */
export function openLocalStore(config: CodeInsightsConfig, home: string): SqliteStore | null {
  const file = localStorePath(config, home);
  return existsSync(file) ? SqliteStore.open(file, { readonly: true }) : null;
}

/** For the read commands: the config of this directory and its local store, opened read-only (null before any sync). */
export async function openConfiguredStore(cwd = process.cwd()): Promise<{ config: CodeInsightsConfig; store: SqliteStore | null }> {
  const home = codeInsightsHome();
  const { config } = await loadConfig({ cwd, home });
  return { config, store: openLocalStore(config, home) };
}

/** What a read command says when there is no local store: nothing synced yet, or the config syncs elsewhere only. */
export function noLocalStoreMessage(config: CodeInsightsConfig): string {
  const sinks = configSinks(config);
  if (sinks.includes('sqlite')) return "Nothing stored yet: run 'code-insights sync' first.";
  return `No local store: sync writes to ${sinks.join(' and ')} only (config "sink"), and this command reads the local store. Add "sqlite" to "sink" to keep one too.`;
}
