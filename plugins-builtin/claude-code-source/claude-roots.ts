/** Which Claude Code config roots to read (claude-code-jsonl.md §4.1.1), resolved from the environment at call time. */
import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A config root and the `projects/` directory under it. */
export interface ClaudeRoot {
  /** The config root (e.g. `~/.claude`); for an entry that names `projects/` itself, its parent. */
  root: string;
  projectsDir: string;
}

/** Where to look: explicit `roots` (plugin option) win over `CLAUDE_CONFIG_DIR`, which wins over the defaults. */
export interface RootsInput {
  env: NodeJS.ProcessEnv;
  roots?: readonly string[] | undefined;
}

/**
 * `CLAUDE_CONFIG_DIR` (or `roots`): comma list, trimmed, `~` expanded, each entry either containing
 * `projects/` or being it; only these are used. Otherwise `${XDG_CONFIG_HOME:-~/.config}/claude`
 * then `~/.claude`. Entries without a projects dir are dropped; duplicates (by real path) too.
 */
export function resolveClaudeRoots(input: RootsInput): ClaudeRoot[] {
  const { env } = input;
  const home = homeDir(env);
  const configured = input.roots ?? (env.CLAUDE_CONFIG_DIR?.trim() ? env.CLAUDE_CONFIG_DIR.split(',') : undefined);
  const found: ClaudeRoot[] = [];
  if (configured !== undefined) {
    for (const entry of configured) {
      const trimmed = entry.trim();
      if (trimmed === '') continue;
      const dir = path.resolve(expandHome(trimmed, home));
      if (isDirectory(path.join(dir, 'projects'))) found.push({ root: dir, projectsDir: path.join(dir, 'projects') });
      else if (path.basename(dir) === 'projects' && isDirectory(dir)) found.push({ root: path.dirname(dir), projectsDir: dir });
    }
  } else {
    const xdg = env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config');
    for (const dir of [path.resolve(xdg, 'claude'), path.join(home, '.claude')]) {
      if (isDirectory(path.join(dir, 'projects'))) found.push({ root: dir, projectsDir: path.join(dir, 'projects') });
    }
  }
  const seen = new Set<string>();
  return found.filter((root) => {
    const real = realpathOrSelf(root.projectsDir);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** The user's home, honouring `HOME` so tests can point it at a temp dir. */
export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME?.trim() || os.homedir();
}

/** Expands a leading `~` (alone or followed by a separator). */
export function expandHome(entry: string, home: string): string {
  if (entry === '~') return home;
  if (entry.startsWith('~/') || entry.startsWith('~' + path.sep)) return path.join(home, entry.slice(2));
  return entry;
}

function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
}

function realpathOrSelf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
