/**
 * Resolves the effective config: the user config in `$CODE_INSIGHTS_HOME/config.json`, with the nearest
 * repository config (cosmiconfig, searched from the working directory up to the git root) merged over it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { findGitRoot } from '../util/git-root.js';
import { mayHaveConfig } from './may-have-config.js';
import { userConfigPath } from './paths.js';
import type { CodeInsightsConfig, PluginRef } from './schema.js';

export const MODULE_NAME = 'code-insights';

/** cosmiconfig's defaults for our module name, plus `.mts` (STACK-NOTES G8). */
export const SEARCH_PLACES = [
  'package.json',
  '.code-insightsrc',
  '.code-insightsrc.json',
  '.code-insightsrc.yaml',
  '.code-insightsrc.yml',
  '.code-insightsrc.js',
  '.code-insightsrc.ts',
  '.code-insightsrc.mjs',
  '.code-insightsrc.cjs',
  '.config/code-insightsrc',
  '.config/code-insightsrc.json',
  '.config/code-insightsrc.yaml',
  '.config/code-insightsrc.yml',
  '.config/code-insightsrc.js',
  '.config/code-insightsrc.ts',
  '.config/code-insightsrc.mjs',
  '.config/code-insightsrc.cjs',
  'code-insights.config.js',
  'code-insights.config.ts',
  'code-insights.config.mjs',
  'code-insights.config.cjs',
  'code-insights.config.mts',
];

/** A plugin listed in a config file, with the directory its relative paths resolve against. */
export interface ListedPlugin {
  ref: PluginRef;
  baseDir: string;
  file: string;
  /** Position in that file's `plugins` list, for error messages (`plugins[2]`). */
  index: number;
}

export interface LoadedConfig {
  config: CodeInsightsConfig;
  /** Config files that contributed, user config first. */
  files: string[];
  plugins: ListedPlugin[];
}

/** Finds the repository config for `cwd` (null when none) without merging. */
export async function findRepoConfig(cwd: string): Promise<{ file: string; config: CodeInsightsConfig } | null> {
  const stopDir = findGitRoot(cwd) ?? cwd;
  // cosmiconfig and the schema (zod) cost more than the rest of a no-op sync: load them only when a file may exist.
  if (!mayHaveConfig(cwd, stopDir, SEARCH_PLACES)) return null;
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, searchStrategy: 'global', stopDir, cache: false });
  let found;
  try {
    found = await explorer.search(cwd);
  } catch (error) {
    throw new ConfigError(`Could not load config: ${(error as Error).message}`, { cause: error });
  }
  // cosmiconfig's global strategy also falls back to the XDG config dir; that is a user-level file, accepted as such.
  if (!found || found.isEmpty) return null;
  const { configSchema } = await import('./schema.js');
  const parsed = configSchema.safeParse(found.config);
  if (!parsed.success) {
    const { formatConfigIssues } = await import('./format-issues.js');
    throw new ConfigError(formatConfigIssues(parsed.error, found.filepath));
  }
  return { file: found.filepath, config: parsed.data };
}

/** Loads and merges the user config and the repository config for `cwd`. */
export async function loadConfig(options: { cwd: string; home: string }): Promise<LoadedConfig> {
  const userFile = userConfigPath(options.home);
  const user = existsSync(userFile) ? (await import('./user-config.js')).readUserConfig(options.home) : {};
  const repo = await findRepoConfig(options.cwd);
  const files = [...(Object.keys(user).length > 0 ? [userFile] : []), ...(repo ? [repo.file] : [])];
  const listed = (config: CodeInsightsConfig, file: string): ListedPlugin[] =>
    (config.plugins ?? []).map((ref, index) => ({ ref, baseDir: path.dirname(file), file, index }));
  const merged = mergeConfigs(user, repo?.config ?? {});
  return {
    config: merged,
    files,
    plugins: [...listed(user, userFile), ...(repo ? listed(repo.config, repo.file) : [])],
  };
}

/** Repository values win; lists of plugins and disabled names add up; option objects merge per plugin. */
export function mergeConfigs(base: CodeInsightsConfig, over: CodeInsightsConfig): CodeInsightsConfig {
  const options: Record<string, Record<string, unknown>> = { ...base.options };
  for (const [name, value] of Object.entries(over.options ?? {})) options[name] = { ...options[name], ...value };
  return {
    ...base,
    ...over,
    plugins: [...(base.plugins ?? []), ...(over.plugins ?? [])],
    disable: [...new Set([...(base.disable ?? []), ...(over.disable ?? [])])],
    options,
    limits: { ...base.limits, ...over.limits },
    redaction: mergeRedaction(base.redaction, over.redaction),
    project: { ...base.project, ...over.project },
  };
}

/** Rules add up; an empty list is left out, so a config without redaction settings gives the plugin no options to check. */
function mergeRedaction(base: CodeInsightsConfig['redaction'], over: CodeInsightsConfig['redaction']): CodeInsightsConfig['redaction'] {
  const rules = [...(base?.rules ?? []), ...(over?.rules ?? [])];
  return { ...base, ...over, ...(rules.length > 0 ? { rules } : {}) };
}
