/** The pipeline plugins a sync started in a directory would apply: name, role, and where each came from. */
import type { Config } from '@oclif/core';
import { loadConfig } from '../config/load-config.js';
import { collectInstalledPlugins } from './installed-plugins.js';
import { describeOrigin, resolvePlugins } from './load-plugins.js';

/** One row of `plugins` / `status`. */
export interface ActivePlugin {
  name: string;
  provides: string | null;
  origin: string;
}

/** Resolves (without applying) the plugins for `cwd`: built-ins, installed packages' plugins and config-listed ones. */
export async function listActivePlugins(options: { config: Pick<Config, 'getPluginsList' | 'runHook'>; cwd: string; home: string }): Promise<ActivePlugin[]> {
  const installed = await collectInstalledPlugins(options.config, { cwd: options.cwd, home: options.home });
  const loaded = await loadConfig({ cwd: options.cwd, home: options.home });
  const resolved = await resolvePlugins(loaded, installed);
  return resolved.map((entry) => ({ name: entry.plugin.name, provides: entry.plugin.provides ?? null, origin: describeOrigin(entry.origin) }));
}
