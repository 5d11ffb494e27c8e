/**
 * Pipeline plugins contributed by packages installed with `code-insights plugins install|link`.
 * Each such oclif plugin answers the `sync:plugins` hook; its code is imported only when a command runs that hook.
 */
import type { Config } from '@oclif/core';
import { CodeInsightsError, PluginLoadError, formatError } from '../errors.js';
import type { InstalledPluginRef } from './import-plugin.js';
import { type CodeInsightsHooks, SYNC_PLUGINS_HOOK, type SyncPluginsHookOptions } from './sync-plugins-hook.js';

/** A pipeline plugin and the installed package it came from. */
export type InstalledPlugin = InstalledPluginRef;

/** Packages that declare the hook (without loading them): lets commands skip the hook run when there are none. */
export function packagesWithSyncPlugins(config: Pick<Config, 'getPluginsList'>): string[] {
  return config
    .getPluginsList()
    .filter((plugin) => (plugin.hooks[SYNC_PLUGINS_HOOK] ?? []).length > 0)
    .map((plugin) => plugin.name);
}

/** Runs the `sync:plugins` hook of every installed package and returns their pipeline plugins, in package order. */
export async function collectInstalledPlugins(
  config: Pick<Config, 'getPluginsList' | 'runHook'>,
  options: SyncPluginsHookOptions,
): Promise<InstalledPlugin[]> {
  if (packagesWithSyncPlugins(config).length === 0) return [];
  // Loaded only now: most syncs have no installed plugins, and every module counts in a no-op sync's start-up.
  const [{ exposeHostModules }, { toPlugins }] = await Promise.all([import('./host-modules.js'), import('./import-plugin.js')]);
  // Installed plugins may import `code-insights/plugin` at run time; it is not in their node_modules.
  exposeHostModules();
  const result = await config.runHook<'sync:plugins', CodeInsightsHooks>(SYNC_PLUGINS_HOOK, options, undefined, true);
  const failure = result.failures[0];
  if (failure) {
    throw new PluginLoadError(`Installed plugin ${failure.plugin.name} failed to load: ${formatError(failure.error)}`, {
      cause: failure.error,
      suggestions: [`Update or remove it: code-insights plugins uninstall ${failure.plugin.name}`],
    });
  }
  const installed: InstalledPlugin[] = [];
  for (const { plugin: pkg, result: contributed } of result.successes) {
    try {
      for (const plugin of toPlugins(contributed, {}, `installed plugin ${pkg.name}`)) installed.push({ plugin, package: pkg.name });
    } catch (error) {
      if (error instanceof CodeInsightsError) throw error;
      throw new PluginLoadError(`Installed plugin ${pkg.name} failed to load: ${formatError(error)}`, { cause: error });
    }
  }
  return installed;
}
