/**
 * Builds the pipeline for one run: built-ins, installed plugins and config-listed plugins, applied through one path.
 * A non-built-in plugin that provides a built-in's role replaces it; `disable` leaves plugins out by name.
 */
import { configSinks } from '../config/defaults.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ConfigError, PluginLoadError, formatError } from '../errors.js';
import { attributeErrors, createSyncHooks, sealHooks, type SyncHooks } from '../pipeline/sync-hooks.js';
import type { InstalledPluginRef } from './import-plugin.js';
import { builtinSinkTarget } from './sink-targets.js';
import type { ZodType } from 'zod';
import type { Logger, PluginOrigin, SyncPlugin } from './types.js';

/** A plugin with where it came from and the options it will be applied with. */
export interface ResolvedPlugin {
  plugin: SyncPlugin<unknown>;
  origin: PluginOrigin;
  options: Record<string, unknown>;
  /** Where its options came from, for error messages. */
  optionsFile: string;
  /** The key path of its options in that file (default `options.<name>`). */
  optionsKey?: (string | number)[];
}

export interface Pipeline {
  hooks: SyncHooks;
  plugins: ResolvedPlugin[];
}

/** The sink names of the config (`sink`), default the local store. */
export function configuredSinks(loaded: LoadedConfig): string[] {
  return configSinks(loaded.config);
}

/**
 * The sinks a sync writes to, each as its name and, for a built-in, where it writes (`firestore my-project/(default)`;
 * see sink-targets.ts): the config's (`sink`) that are not disabled, and those of every resolved plugin that
 * provides `sink:<name>`. Known from the config and the non-built-in plugins alone, so the quick nothing-to-do check
 * can tell that a sink was added or moved without loading any sink.
 */
export function expectedSinks(loaded: LoadedConfig, plugins: ReadonlyArray<ResolvedPlugin>, env: NodeJS.ProcessEnv = process.env): string[] {
  const disabled = new Set(loaded.config.disable ?? []);
  const builtin = (name: string) => {
    const target = builtinSinkTarget(`${name}-sink`, loaded.config.options?.[`${name}-sink`], env);
    return target === null ? name : `${name} ${target}`;
  };
  const sinks = new Map<string, string>();
  for (const name of configuredSinks(loaded)) if (!disabled.has(`${name}-sink`)) sinks.set(name, builtin(name));
  for (const { plugin, origin } of plugins) {
    if (!plugin.provides?.startsWith('sink:')) continue;
    const name = plugin.provides.slice('sink:'.length);
    // A plugin that fills a built-in's role writes wherever it does: only its name is known.
    sinks.set(name, origin.kind === 'builtin' ? builtin(name) : name);
  }
  return [...sinks.values()].sort();
}

/** A built-in, known by name and role before its module is imported. */
interface BuiltinSpec {
  name: string;
  provides: string;
  load: () => Promise<SyncPlugin<unknown>>;
}

/**
 * The built-ins in application order (ordering inside a stage comes from tapable stages, not from this list).
 * Modules are imported only for the plugins a run needs: a no-op sync loads the source alone.
 */
function builtins(sinkNames: string[]): BuiltinSpec[] {
  const as = (plugin: unknown) => plugin as SyncPlugin<unknown>;
  const all: BuiltinSpec[] = [
    { name: 'claude-code-source', provides: 'source:claude-code', load: async () => as((await import('../../plugins-builtin/claude-code-source/index.js')).claudeCodeSource()) },
    { name: 'project-identity', provides: 'identity', load: async () => as((await import('../../plugins-builtin/project-identity/index.js')).projectIdentity()) },
    { name: 'secret-redaction', provides: 'redaction', load: async () => as((await import('../../plugins-builtin/secret-redaction/index.js')).secretRedaction()) },
    {
      name: 'repo-config',
      provides: 'repo-config',
      load: async () => {
        const [{ repoConfig }, { repoConfigDeps }] = await Promise.all([import('../../plugins-builtin/repo-config/index.js'), import('./repo-config-deps.js')]);
        return as(repoConfig(repoConfigDeps));
      },
    },
    { name: 'usage-cost', provides: 'cost', load: async () => as((await import('../../plugins-builtin/usage-cost/index.js')).usageCost()) },
    { name: 'heuristic-titler', provides: 'titler', load: async () => as((await import('../../plugins-builtin/heuristic-titler/index.js')).heuristicTitler()) },
    { name: 'heuristic-classifier', provides: 'classifier', load: async () => as((await import('../../plugins-builtin/heuristic-classifier/index.js')).heuristicClassifier()) },
    { name: 'sqlite-sink', provides: 'sink:sqlite', load: async () => as((await import('../../plugins-builtin/sqlite-sink/plugin.js')).sqliteSink()) },
    // firebase-admin itself loads only when the sink opens.
    { name: 'firestore-sink', provides: 'sink:firestore', load: async () => as((await import('../../plugins-builtin/firestore-sink/index.js')).firestoreSink()) },
  ];
  return all.filter((spec) => !spec.provides.startsWith('sink:') || sinkNames.includes(spec.provides.slice('sink:'.length)));
}

/**
 * Resolves the plugins for this run, in application order. `discoverOnly` loads, of the built-ins, just the sources
 * (every installed and config-listed plugin is kept: any of them may tap `discover`), to decide cheaply whether a
 * sync has anything to do.
 */
export async function resolvePlugins(
  loaded: LoadedConfig,
  installed: ReadonlyArray<InstalledPluginRef> = [],
  options: { discoverOnly?: boolean } = {},
): Promise<ResolvedPlugin[]> {
  const sinkNames = configuredSinks(loaded);
  // Loaded only for a config that lists plugins: most runs have none, and a no-op sync saves the modules.
  const importListed = loaded.plugins.length > 0 ? (await import('./import-plugin.js')).importListedPlugin : null;
  const fromConfig = importListed ? await Promise.all(loaded.plugins.map((listed) => importListed(listed, installed))) : [];
  const extra: ResolvedPlugin[] = [
    ...installed.map(({ plugin, package: pkg }) => resolved(plugin, { kind: 'installed', package: pkg }, loaded)),
    // `options.<name>` in config applies to config-listed plugins too; options in the list entry win.
    ...fromConfig.flat().map((entry) => ({ ...entry, options: { ...loaded.config.options?.[entry.plugin.name], ...entry.options } })),
  ];

  // A plugin both installed and listed in config is applied once (the config entry, which may carry options).
  const byName = new Map<string, ResolvedPlugin>();
  for (const entry of extra) byName.set(entry.plugin.name, entry);
  const replacedRoles = new Set([...byName.values()].map((e) => e.plugin.provides).filter((r): r is string => Boolean(r)));
  const disabled = new Set(loaded.config.disable ?? []);

  const wanted = builtins(sinkNames).filter(
    (spec) =>
      !replacedRoles.has(spec.provides) && !byName.has(spec.name) && !disabled.has(spec.name) && (!options.discoverOnly || spec.provides.startsWith('source:')),
  );
  const loadedBuiltins = await Promise.all(wanted.map((spec) => spec.load()));
  const all = [...loadedBuiltins.map((p) => resolved(p, { kind: 'builtin' }, loaded)), ...byName.values()].filter(
    (entry) => !disabled.has(entry.plugin.name),
  );
  if (options.discoverOnly) return all;

  const sinkRoles = new Set(all.map((e) => e.plugin.provides).filter((r) => r?.startsWith('sink:')));
  for (const name of sinkNames) {
    if (!sinkRoles.has(`sink:${name}`) && !disabled.has(`${name}-sink`)) {
      throw new ConfigError(`Unknown sink "${name}" in config key "sink"`, {
        suggestions: ['Use "sqlite" or "firestore", or install a plugin that provides that sink'],
      });
    }
  }
  return all;
}

function resolved(plugin: SyncPlugin<unknown>, origin: PluginOrigin, loaded: LoadedConfig, tupleOptions?: Record<string, unknown>): ResolvedPlugin {
  const fromConfig = loaded.config.options?.[plugin.name] ?? {};
  const redaction = plugin.name === 'secret-redaction' ? (loaded.config.redaction ?? {}) : {};
  return {
    plugin,
    origin,
    options: { ...redaction, ...fromConfig, ...tupleOptions },
    optionsFile: loaded.files.at(-1) ?? 'config',
  };
}

/** Creates hooks, validates each plugin's options with its own schema, applies all plugins, then seals the hooks. */
export async function buildPipeline(
  plugins: ResolvedPlugin[],
  services: { logger: Logger; stateDir: string; signal: AbortSignal },
): Promise<Pipeline> {
  const hooks = createSyncHooks();
  attributeErrors(hooks);
  for (const entry of plugins) {
    const { plugin } = entry;
    let options: unknown = entry.options;
    const schema = await schemaToCheck(plugin, entry.options);
    if (schema) {
      const parsed = schema.safeParse(entry.options);
      if (!parsed.success) {
        const { formatConfigIssues } = await import('../config/format-issues.js');
        throw new ConfigError(formatConfigIssues(parsed.error, entry.optionsFile, entry.optionsKey ?? ['options', plugin.name]), {
          suggestions: [`Fix the options of plugin "${plugin.name}" (${describeOrigin(entry.origin)})`],
        });
      }
      options = parsed.data;
    }
    try {
      await plugin.apply(hooks, { options, logger: services.logger, stateDir: services.stateDir, signal: services.signal, origin: entry.origin });
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new PluginLoadError(`[${plugin.name}] apply failed: ${formatError(error)}`, { cause: error });
    }
  }
  sealHooks(hooks);
  return { hooks, plugins };
}

/** The schema to validate with; a lazily loaded one is loaded only when there are options to check. */
async function schemaToCheck(plugin: SyncPlugin<unknown>, options: Record<string, unknown>): Promise<ZodType<unknown> | null> {
  const schema = plugin.optionsSchema;
  if (!schema) return null;
  if (typeof schema !== 'function') return schema;
  return Object.keys(options).length === 0 ? null : schema();
}

/** Where a plugin came from, in words (status, `plugins`, error hints). */
export function describeOrigin(origin: PluginOrigin): string {
  if (origin.kind === 'builtin') return 'built-in';
  if (origin.kind === 'installed') return `installed (${origin.package})`;
  return `config (${origin.file})`;
}

