/**
 * Builds the pipeline for one run: built-ins, installed plugins and config-listed plugins, applied through one path.
 * A non-built-in plugin that provides a built-in's role replaces it; `disable` leaves plugins out by name.
 */
import { claudeCodeSource } from '../../plugins-builtin/claude-code-source/index.js';
import { heuristicClassifier } from '../../plugins-builtin/heuristic-classifier/index.js';
import { heuristicTitler } from '../../plugins-builtin/heuristic-titler/index.js';
import { projectIdentity } from '../../plugins-builtin/project-identity/index.js';
import { repoConfig } from '../../plugins-builtin/repo-config/index.js';
import { secretRedaction } from '../../plugins-builtin/secret-redaction/index.js';
import { sqliteSink } from '../../plugins-builtin/sqlite-sink/index.js';
import { usageCost } from '../../plugins-builtin/usage-cost/index.js';
import type { LoadedConfig } from '../config/load-config.js';
import { formatConfigIssues } from '../config/format-issues.js';
import { ConfigError, PluginLoadError, formatError } from '../errors.js';
import { attributeErrors, createSyncHooks, sealHooks, type SyncHooks } from '../pipeline/sync-hooks.js';
import { importListedPlugin, type InstalledPluginRef } from './import-plugin.js';
import { repoConfigDeps } from './repo-config-deps.js';
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
  const sink = loaded.config.sink ?? 'sqlite';
  return [...new Set(Array.isArray(sink) ? sink : [sink])];
}

async function builtinSinks(names: string[]): Promise<SyncPlugin<unknown>[]> {
  const sinks: SyncPlugin<unknown>[] = [];
  if (names.includes('sqlite')) sinks.push(sqliteSink() as SyncPlugin<unknown>);
  if (names.includes('firestore')) {
    // Loaded only when configured: firebase-admin is heavy and most users never need it.
    const { firestoreSink } = await import('../../plugins-builtin/firestore-sink/index.js');
    sinks.push(firestoreSink() as SyncPlugin<unknown>);
  }
  return sinks;
}

/** Resolves every plugin for this run, in application order. */
export async function resolvePlugins(loaded: LoadedConfig, installed: ReadonlyArray<InstalledPluginRef> = []): Promise<ResolvedPlugin[]> {
  const sinkNames = configuredSinks(loaded);
  const builtins: SyncPlugin<unknown>[] = [
    claudeCodeSource() as SyncPlugin<unknown>,
    projectIdentity() as SyncPlugin<unknown>,
    secretRedaction() as SyncPlugin<unknown>,
    repoConfig(repoConfigDeps) as SyncPlugin<unknown>,
    usageCost() as SyncPlugin<unknown>,
    heuristicTitler() as SyncPlugin<unknown>,
    heuristicClassifier() as SyncPlugin<unknown>,
    ...(await builtinSinks(sinkNames)),
  ];
  const fromConfig = await Promise.all(loaded.plugins.map((listed) => importListedPlugin(listed, installed)));
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

  const all = [
    ...builtins
      .filter((p) => !(p.provides && replacedRoles.has(p.provides)) && !byName.has(p.name))
      .map((p) => resolved(p, { kind: 'builtin' }, loaded)),
    ...byName.values(),
  ].filter((entry) => !disabled.has(entry.plugin.name));

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
    if (plugin.optionsSchema) {
      const parsed = plugin.optionsSchema.safeParse(entry.options);
      if (!parsed.success) {
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

/** Where a plugin came from, in words (status, `plugins`, error hints). */
export function describeOrigin(origin: PluginOrigin): string {
  if (origin.kind === 'builtin') return 'built-in';
  if (origin.kind === 'installed') return `installed (${origin.package})`;
  return `config (${origin.file})`;
}

export { resolved as resolvedPlugin };
