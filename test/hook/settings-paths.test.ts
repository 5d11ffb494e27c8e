import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeConfigDir, settingsFileFor } from '../../src/hook/settings-paths.js';
import { findGitRoot } from '../../src/util/git-root.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

describe('settingsFileFor', () => {
  it('user scope: $CLAUDE_CONFIG_DIR, its first entry when it is a list, else ~/.claude', () => {
    tmp = makeTmpHome();
    expect(settingsFileFor('user', tmp.env, tmp.root)).toBe(path.join(tmp.claudeDir, 'settings.json'));
    const list = { ...tmp.env, CLAUDE_CONFIG_DIR: ` , ${tmp.root}/a , ${tmp.root}/b` };
    expect(settingsFileFor('user', list, tmp.root)).toBe(path.join(tmp.root, 'a', 'settings.json'));
    expect(claudeConfigDir({ ...tmp.env, CLAUDE_CONFIG_DIR: '~/cc' })).toBe(path.join(tmp.home, 'cc'));
    const unset = { ...tmp.env, CLAUDE_CONFIG_DIR: '' };
    expect(settingsFileFor('user', unset, tmp.root)).toBe(path.join(tmp.home, '.claude', 'settings.json'));
  });

  it('project and local scopes: the repository root above cwd, or cwd outside a repository', () => {
    tmp = makeTmpHome();
    const repo = path.join(tmp.root, 'repo');
    const deep = path.join(repo, 'src', 'deep');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(deep, { recursive: true });
    expect(settingsFileFor('project', tmp.env, deep)).toBe(path.join(repo, '.claude', 'settings.json'));
    expect(settingsFileFor('local', tmp.env, deep)).toBe(path.join(repo, '.claude', 'settings.local.json'));
    // A worktree or submodule has a .git file, not a directory.
    const worktree = path.join(tmp.root, 'wt');
    mkdirSync(path.join(worktree, 'x'), { recursive: true });
    writeFileSync(path.join(worktree, '.git'), 'gitdir: ../repo/.git/worktrees/wt\n');
    expect(findGitRoot(path.join(worktree, 'x'))).toBe(worktree);
    const plain = path.join(tmp.root, 'plain');
    mkdirSync(plain);
    expect(findGitRoot(plain)).toBeNull();
    expect(settingsFileFor('project', tmp.env, plain)).toBe(path.join(plain, '.claude', 'settings.json'));
  });
});
