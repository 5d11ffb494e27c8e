/**
 * Finds the config of the repository a session ran in, for that project's own options.
 * Code in a repository's config (JS/TS) runs only when the command was started inside that repository;
 * for any other repository only JSON/YAML (and the package.json field) are read, as data.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../plugins/types.js';
import { ConfigError } from '../errors.js';
import { findGitRoot } from '../util/git-root.js';
import { formatConfigIssues } from './format-issues.js';
import { MODULE_NAME, SEARCH_PLACES } from './load-config.js';
import type { CodeInsightsConfig } from './schema.js';

/** Config files that are executed when loaded. */
const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

/** Search places read as plain data: safe for a repository the user did not start the command in. */
export const DATA_SEARCH_PLACES = SEARCH_PLACES.filter((place) => !CODE_EXTENSIONS.has(path.extname(place)));

/** What one repository's config says about its own project. */
export interface ProjectConfig {
  /** The config file it came from. */
  file: string;
  /** The repository (git root, or the directory itself outside git). */
  root: string;
  project: NonNullable<CodeInsightsConfig['project']>;
  redactionRules: NonNullable<NonNullable<CodeInsightsConfig['redaction']>['rules']>;
  limits: NonNullable<CodeInsightsConfig['limits']>;
}

/** Looks up the project config for a session's working directory (memoised per directory). */
export type ProjectConfigLookup = (cwd: string) => Promise<ProjectConfig | null>;

type Explorer = { load(file: string): Promise<{ config: unknown; filepath: string; isEmpty?: boolean } | null> };

/** One lookup per run: caches per directory, and warns once per skipped JS/TS config file. */
export function createProjectConfigLookup(options: { runCwd: string; logger: Logger }): ProjectConfigLookup {
  const runCwd = path.resolve(options.runCwd);
  const byDir = new Map<string, Promise<ProjectConfig | null>>();
  const warned = new Set<string>();

  let explorer: Explorer | undefined;
  /** cosmiconfig for its loaders (YAML, package.json field, JS/TS) and load cache; the walk is ours (no global fallback). */
  const load = async (file: string) => {
    if (!explorer) {
      const { cosmiconfig } = await import('cosmiconfig');
      explorer = cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, cache: true });
    }
    return explorer.load(file);
  };

  /** The first non-empty config from `cwd` up to `root`, in search-place order, among `places`. */
  const search = async (cwd: string, root: string, places: readonly string[]) => {
    for (const dir of dirsUpTo(cwd, root)) {
      for (const place of places) {
        const file = path.join(dir, place);
        if (!existsSync(file)) continue;
        const found = await load(file);
        if (found && !found.isEmpty && found.config !== undefined && found.config !== null) return found;
      }
    }
    return null;
  };

  const find = async (cwd: string): Promise<ProjectConfig | null> => {
    if (!isDirectory(cwd)) return null;
    const root = findGitRoot(cwd) ?? cwd;
    const trusted = isInside(runCwd, root);
    let own;
    try {
      own = await search(cwd, root, trusted ? SEARCH_PLACES : DATA_SEARCH_PLACES);
    } catch (error) {
      throw new ConfigError(`Could not load config of ${root}: ${(error as Error).message}`, { cause: error });
    }
    if (!trusted) warnSkipped(cwd, root, own?.filepath ?? null);
    if (!own) return null;
    // The schema (and zod with it) loads only for a repository that has a config file.
    const { configSchema } = await import('./schema.js');
    const parsed = configSchema.safeParse(own.config);
    if (!parsed.success) throw new ConfigError(formatConfigIssues(parsed.error, own.filepath));
    checkPatterns(parsed.data, own.filepath);
    return {
      file: own.filepath,
      root,
      project: parsed.data.project ?? {},
      redactionRules: parsed.data.redaction?.rules ?? [],
      limits: parsed.data.limits ?? {},
    };
  };

  /** Warns about JS/TS configs that a trusted search would have preferred over what was read (or over nothing). */
  const warnSkipped = (cwd: string, root: string, dataFile: string | null) => {
    for (const file of skippedCodeConfigs(cwd, root, dataFile)) {
      if (warned.has(file)) continue;
      warned.add(file);
      options.logger.warn(
        `${file} not run: code in a repository's config runs only for commands started inside ${root}; read its JSON/YAML config only`,
      );
    }
  };

  return (cwd) => {
    const dir = path.resolve(cwd);
    let pending = byDir.get(dir);
    if (!pending) {
      pending = find(dir);
      byDir.set(dir, pending);
    }
    return pending;
  };
}

/** JS/TS config files that a trusted search (same order: nearest directory first, then search place) reaches before `dataFile`. */
export function skippedCodeConfigs(cwd: string, root: string, dataFile: string | null): string[] {
  const skipped: string[] = [];
  for (const dir of dirsUpTo(cwd, root)) {
    for (const place of SEARCH_PLACES) {
      const file = path.join(dir, place);
      if (file === dataFile) return skipped;
      if (CODE_EXTENSIONS.has(path.extname(place)) && existsSync(file)) skipped.push(file);
    }
  }
  return skipped;
}

/** A rule whose pattern does not compile is a config error naming its key, not a failure deep in a stage. */
function checkPatterns(config: CodeInsightsConfig, file: string): void {
  for (const [index, rule] of (config.redaction?.rules ?? []).entries()) {
    try {
      new RegExp(rule.pattern, rule.flags);
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n  redaction.rules[${index}].pattern: ${(error as Error).message} (in ${file})`);
    }
  }
}

/** `cwd`, its parent, … up to and including `root`. */
function dirsUpTo(cwd: string, root: string): string[] {
  const dirs: string[] = [];
  let current = path.resolve(cwd);
  for (;;) {
    dirs.push(current);
    const parent = path.dirname(current);
    if (current === root || parent === current) return dirs;
    current = parent;
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
}
