/** Which Claude Code settings file each `--scope` edits. */
import path from 'node:path';
import { expandHome, homeDir } from '../config/paths.js';
import { findGitRoot } from '../util/git-root.js';

/** Claude Code's settings scopes we can write to (managed policy settings are not ours to edit). */
export const HOOK_SCOPES = ['user', 'project', 'local'] as const;
/** One of `HOOK_SCOPES`. */
export type HookScope = (typeof HOOK_SCOPES)[number];

/** A scope and the file it resolves to. */
export interface ScopedSettingsFile {
  scope: HookScope;
  file: string;
}

/**
 * The settings file of `scope`. user: `$CLAUDE_CONFIG_DIR/settings.json` (the first entry when it is a comma list,
 * as our discovery accepts several roots but Claude Code itself reads one), else `~/.claude/settings.json`.
 * project / local: `.claude/settings.json` / `.claude/settings.local.json` at the git root containing `cwd`, or
 * `cwd` itself outside a repository.
 */
export function settingsFileFor(scope: HookScope, env: NodeJS.ProcessEnv, cwd: string): string {
  if (scope === 'user') return path.join(claudeConfigDir(env), 'settings.json');
  const root = findGitRoot(cwd) ?? path.resolve(cwd);
  return path.join(root, '.claude', scope === 'project' ? 'settings.json' : 'settings.local.json');
}

/** All three scopes with their files, for `status`. */
export function allSettingsFiles(env: NodeJS.ProcessEnv, cwd: string): ScopedSettingsFile[] {
  return HOOK_SCOPES.map((scope) => ({ scope, file: settingsFileFor(scope, env, cwd) }));
}

/** Claude Code's config directory for this environment. */
export function claudeConfigDir(env: NodeJS.ProcessEnv): string {
  const first = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .find((entry) => entry !== '');
  if (first) return path.resolve(expandHome(first, env));
  return path.join(homeDir(env), '.claude');
}
