/** Loads a plugin listed in a config file: a package name or a path relative to that file. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ListedPlugin } from '../config/load-config.js';
import { PluginLoadError, formatError } from '../errors.js';
import type { ResolvedPlugin } from './load-plugins.js';
import type { SyncPlugin } from './types.js';

/** Imports the module and turns its export (plugin object, factory, or array of them) into resolved plugins. */
export async function importListedPlugin(listed: ListedPlugin): Promise<ResolvedPlugin[]> {
  const [specifier, tupleOptions] = typeof listed.ref === 'string' ? [listed.ref, {}] : listed.ref;
  const where = `${specifier} (listed in ${listed.file})`;
  let url: string;
  try {
    const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
    url = isPath
      ? pathToFileURL(path.resolve(listed.baseDir, specifier)).href
      : pathToFileURL(createRequire(path.join(listed.baseDir, 'noop.js')).resolve(specifier)).href;
  } catch (error) {
    throw new PluginLoadError(`Cannot find plugin ${where}: ${formatError(error)}`, {
      suggestions: ['Check the path (relative to the config file) or install the package'],
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginLoadError(`Cannot load plugin ${where}: ${formatError(error)}`, { cause: error });
  }
  const exported = mod.default ?? mod.plugin ?? mod;
  const plugins = toPlugins(exported, tupleOptions, where);
  return plugins.map((plugin) => ({
    plugin,
    origin: { kind: 'config', file: listed.file, specifier },
    options: tupleOptions,
    optionsFile: listed.file,
  }));
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
