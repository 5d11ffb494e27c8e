/** Loads a plugin listed in a config file: a package name or a path relative to that file. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ListedPlugin } from '../config/load-config.js';
import { CodeInsightsError, PluginLoadError, formatError } from '../errors.js';
import { exposeHostModules } from './host-modules.js';
import type { ResolvedPlugin } from './load-plugins.js';
import type { SyncPlugin } from './types.js';

/** A pipeline plugin contributed by an installed package (see installed-plugins.ts). */
export interface InstalledPluginRef {
  plugin: SyncPlugin<unknown>;
  package: string;
}

/**
 * Imports the module and turns its export (plugin object, factory, or array of them) into resolved plugins.
 * A package name that is an installed plugin package reuses that package's plugins instead of importing a second copy.
 */
export async function importListedPlugin(listed: ListedPlugin, installed: ReadonlyArray<InstalledPluginRef> = []): Promise<ResolvedPlugin[]> {
  const [specifier, tupleOptions] = typeof listed.ref === 'string' ? [listed.ref, undefined] : listed.ref;
  const where = `${specifier} (plugins[${listed.index}] in ${listed.file})`;
  const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
  const fromInstalled = isPath ? [] : installed.filter((entry) => entry.package === specifier).map((entry) => entry.plugin);
  const plugins = fromInstalled.length > 0 ? fromInstalled : await importPlugins(specifier, isPath, listed, tupleOptions ?? {}, where);
  return plugins.map((plugin) => ({
    plugin,
    origin: { kind: 'config', file: listed.file, specifier },
    options: tupleOptions ?? {},
    optionsFile: listed.file,
    ...(tupleOptions ? { optionsKey: ['plugins', listed.index, 1] } : {}),
  }));
}

async function importPlugins(
  specifier: string,
  isPath: boolean,
  listed: ListedPlugin,
  options: Record<string, unknown>,
  where: string,
): Promise<SyncPlugin<unknown>[]> {
  let url: string;
  try {
    if (isPath && !existsSync(path.resolve(listed.baseDir, specifier))) throw new Error(`${path.resolve(listed.baseDir, specifier)} does not exist`);
    url = isPath
      ? pathToFileURL(path.resolve(listed.baseDir, specifier)).href
      : pathToFileURL(createRequire(path.join(listed.baseDir, 'noop.js')).resolve(specifier)).href;
  } catch (error) {
    throw new PluginLoadError(`Cannot find plugin ${where}: ${formatError(error)}`, {
      suggestions: ['Check the path (relative to the config file), or install the package in that repository or with "code-insights plugins install"'],
    });
  }
  // The plugin may import `code-insights/plugin`; serve the running copy.
  exposeHostModules();
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginLoadError(`Cannot load plugin ${where}: ${formatError(error)}`, { cause: error });
  }
  try {
    return toPlugins(mod.default ?? mod.plugin ?? mod, options, where);
  } catch (error) {
    if (error instanceof CodeInsightsError) throw error;
    throw new PluginLoadError(`Plugin ${where} failed to start: ${formatError(error)}`, { cause: error });
  }
}

/** Accepts a plugin object, a factory `(options) => plugin | plugin[]`, or an array of those. */
export function toPlugins(exported: unknown, options: Record<string, unknown>, where: string): SyncPlugin<unknown>[] {
  const value = typeof exported === 'function' ? (exported as (o: unknown) => unknown)(options) : exported;
  const list = Array.isArray(value) ? value : [value];
  return list.map((candidate) => {
    if (!isPlugin(candidate)) {
      throw new PluginLoadError(`${where} does not export a plugin: expected { name, apply(hooks, context) }`);
    }
    return candidate;
  });
}

function isPlugin(value: unknown): value is SyncPlugin<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { name, apply } = value as { name?: unknown; apply?: unknown };
  return typeof name === 'string' && name.length > 0 && typeof apply === 'function';
}
