import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findGitInfo } from '../../../plugins-builtin/project-identity/git-remote.js';
import { identify } from '../../../plugins-builtin/project-identity/index.js';
import { normalizeRemoteUrl } from '../../../plugins-builtin/project-identity/normalize-remote.js';

describe('normalizeRemoteUrl', () => {
  const canonical = 'https://github.com/org/repo';
  it.each([
    'git@github.com:org/repo.git',
    'git@GitHub.com:org/repo',
    'ssh://git@github.com/org/repo.git',
    'ssh://git@github.com:22/org/repo.git',
    'https://github.com/org/repo.git',
    'https://github.com/org/repo/',
    'https://user:ghp_secret123@github.com/org/repo.git',
    'https://token@github.com:443/org/repo',
    'git://github.com/org/repo.git',
    'github.com:org/repo.git',
  ])('%s → one spelling, no credentials or port', (url) => {
    expect(normalizeRemoteUrl(url)).toBe(canonical);
  });

  it('keeps nested paths (GitLab groups) and rejects what is not a remote', () => {
    expect(normalizeRemoteUrl('git@gitlab.com:group/sub/repo.git')).toBe('https://gitlab.com/group/sub/repo');
    expect(normalizeRemoteUrl('')).toBeNull();
    expect(normalizeRemoteUrl('file:///tmp/repo')).toBeNull();
  });
});

describe('git remote lookup and project identity', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ci-git-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function makeRepo(name: string, config: string): string {
    const dir = path.join(root, name);
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    mkdirSync(path.join(dir, 'src/deep'), { recursive: true });
    writeFileSync(path.join(dir, '.git/config'), config);
    return dir;
  }

  it('reads origin from a subdirectory, and two clones of one repo get one id', () => {
    const a = makeRepo('clone-a', '[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@github.com:other/x.git\n[remote "origin"]\n\turl = https://u:tok@github.com/org/repo.git\n');
    const b = makeRepo('clone-b', '[remote "origin"]\n\turl = git@github.com:org/repo.git\n');
    expect(findGitInfo(path.join(a, 'src/deep'))?.root).toBe(a);
    const ia = identify(path.join(a, 'src/deep'));
    const ib = identify(b);
    expect(ia).toEqual(ib);
    expect(ia.idSource).toBe('git-remote');
    expect(ia.gitRemoteUrl).toBe('https://github.com/org/repo');
    expect(JSON.stringify(ia)).not.toContain('tok');
    expect(ia.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('follows a worktree .git file to the common config', () => {
    const main = makeRepo('main-repo', '[remote "origin"]\n\turl = git@example.com:team/app.git\n');
    const wtGit = path.join(main, '.git/worktrees/feature');
    mkdirSync(wtGit, { recursive: true });
    writeFileSync(path.join(wtGit, 'commondir'), '../..\n');
    const worktree = path.join(root, 'feature');
    mkdirSync(worktree);
    writeFileSync(path.join(worktree, '.git'), `gitdir: ${wtGit}\n`);
    expect(identify(worktree).gitRemoteUrl).toBe('https://example.com/team/app');
  });

  it('falls back to a path hash outside git or for a path that does not exist here', () => {
    const plain = path.join(root, 'plain');
    mkdirSync(plain);
    const id = identify(plain);
    expect(id.idSource).toBe('path-hash');
    expect(id.name).toBe('plain');
    expect(identify('/Users/someone/nowhere/project').idSource).toBe('path-hash');
    expect(identify('/Users/someone/nowhere/project').id).not.toBe(id.id);
  });
});
