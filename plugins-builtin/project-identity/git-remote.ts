/**
 * Finds the origin remote of a working directory by reading git's own files (no `git` process per lookup):
 * walk up to `.git` (a directory, or a worktree/submodule file pointing at one), then read its config.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface GitInfo {
  /** Top of the work tree. */
  root: string;
  /** Raw remote URL (may contain credentials: normalise before storing or printing). */
  remoteUrl: string | null;
}

/** Looks up git info for `dir`; null when `dir` is not inside a git work tree on this machine. */
export function findGitInfo(dir: string): GitInfo | null {
  let current = path.resolve(dir);
  for (;;) {
    const dotGit = path.join(current, '.git');
    const gitDir = resolveGitDir(dotGit);
    if (gitDir) return { root: current, remoteUrl: readRemote(gitDir) };
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function resolveGitDir(dotGit: string): string | null {
  let stats;
  try {
    stats = statSync(dotGit);
  } catch {
    return null;
  }
  if (stats.isDirectory()) return dotGit;
  try {
    const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!match?.[1]) return null;
    const gitDir = path.resolve(path.dirname(dotGit), match[1].trim());
    // Worktrees keep the shared config in the common dir.
    const commonFile = path.join(gitDir, 'commondir');
    if (existsSync(commonFile)) return path.resolve(gitDir, readFileSync(commonFile, 'utf8').trim());
    return gitDir;
  } catch {
    return null;
  }
}

/** The `origin` remote's url, else the first remote's. */
function readRemote(gitDir: string): string | null {
  let text: string;
  try {
    text = readFileSync(path.join(gitDir, 'config'), 'utf8');
  } catch {
    return null;
  }
  const remotes = new Map<string, string>();
  let section: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (header) {
      section = header[1] ?? null;
      continue;
    }
    if (/^\s*\[/.test(line)) {
      section = null;
      continue;
    }
    const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line);
    if (section && url?.[1] && !remotes.has(section)) remotes.set(section, url[1].replace(/^"(.*)"$/, '$1'));
  }
  return remotes.get('origin') ?? remotes.values().next().value ?? null;
}
