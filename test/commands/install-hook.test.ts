import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_SUFFIX } from '../../src/hook/settings-file.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';
import { assertBuilt, BIN_RUN } from '../hook/built-cli.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());
beforeAll(() => assertBuilt(['hook', 'commands/install-hook.ts', 'commands/uninstall-hook.ts']));

function cli(args: string[], cwd = tmp.root): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN_RUN, ...args], { cwd, env: tmp.env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const settings = () => path.join(tmp.claudeDir, 'settings.json');

const OTHERS = `{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "env": { "DEBUG": "1" },
  "hooks": {
    "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "guard.sh" }] }],
    "Stop": [{ "hooks": [{ "type": "command", "command": "notify.sh" }] }],
    "SessionEnd": [{ "hooks": [{ "type": "command", "command": "code-insights sync -q --verbose" }] }]
  },
  "model": "opus"
}
`;

describe('install-hook / uninstall-hook (CLI)', () => {
  it('absent settings: install, install again (nothing added), uninstall back to {}', () => {
    tmp = makeTmpHome();
    const first = cli(['install-hook']);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([`Installed the code-insights SessionEnd hook in ${settings()} (user).`]);
    const installed = readFileSync(settings(), 'utf8');
    const second = cli(['install-hook']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already installed');
    expect(readFileSync(settings(), 'utf8')).toBe(installed);
    const removed = cli(['uninstall-hook']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed the code-insights SessionEnd hook from ${settings()}`);
    expect(JSON.parse(readFileSync(settings(), 'utf8'))).toEqual({});
    expect(cli(['uninstall-hook']).stdout).toContain('nothing changed');
  });

  it("other hooks (SessionEnd, Stop, PreToolUse) and unrelated keys survive a round trip, byte for byte", () => {
    tmp = makeTmpHome();
    mkdirSync(tmp.claudeDir, { recursive: true });
    writeFileSync(settings(), OTHERS);
    chmodSync(settings(), 0o640);
    expect(cli(['install-hook']).code).toBe(0);
    expect(readFileSync(settings() + BACKUP_SUFFIX, 'utf8')).toBe(OTHERS);
    expect(statSync(settings()).mode & 0o777).toBe(0o640);
    const installed = JSON.parse(readFileSync(settings(), 'utf8')) as { hooks: { SessionEnd: unknown[] } };
    expect(installed.hooks.SessionEnd).toHaveLength(2);
    expect(cli(['uninstall-hook']).code).toBe(0);
    const restored = readFileSync(settings(), 'utf8');
    expect(JSON.stringify(JSON.parse(restored))).toBe(JSON.stringify(JSON.parse(OTHERS)));
    expect(restored).toBe(OTHERS);
  });

  it('invalid JSON: exit 2 naming the file and the parse error; the file is not touched', () => {
    tmp = makeTmpHome();
    mkdirSync(tmp.claudeDir, { recursive: true });
    const broken = '{\n  "model": "opus"\n  "env": {}\n}\n';
    writeFileSync(settings(), broken);
    for (const command of ['install-hook', 'uninstall-hook']) {
      const result = cli([command]);
      expect(result.code).toBe(2);
      const message = result.stderr.replace(/\s*›\s*/g, ' ');
      expect(message).toContain(settings());
      expect(message).toMatch(/Expected ',' or '}' after property value in JSON/);
      expect(readFileSync(settings(), 'utf8')).toBe(broken);
      expect(existsSync(settings() + BACKUP_SUFFIX)).toBe(false);
    }
  });

  it('a read-only settings file: a clear error, file unchanged', () => {
    tmp = makeTmpHome();
    mkdirSync(tmp.claudeDir, { recursive: true });
    writeFileSync(settings(), '{}\n');
    chmodSync(settings(), 0o444);
    const result = cli(['install-hook']);
    expect(result.code).toBe(2);
    expect(result.stderr.replace(/\s*›\s*/g, ' ')).toContain(`${settings()}: is read-only; it was left unchanged`);
    expect(readFileSync(settings(), 'utf8')).toBe('{}\n');
    expect(statSync(settings()).mode & 0o777).toBe(0o444);
  });

  it('--scope project / local edit the repository files; --json reports what was done', () => {
    tmp = makeTmpHome();
    const repo = path.join(tmp.root, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(path.join(repo, 'sub'), { recursive: true });
    const cwd = path.join(repo, 'sub');
    const project = cli(['install-hook', '--scope', 'project', '--json'], cwd);
    expect(project.code).toBe(0);
    expect(JSON.parse(project.stdout)).toMatchObject({ scope: 'project', file: path.join(repo, '.claude', 'settings.json'), action: 'added' });
    const local = cli(['install-hook', '--scope', 'local'], cwd);
    expect(local.stdout).toContain(path.join(repo, '.claude', 'settings.local.json'));
    expect(existsSync(settings())).toBe(false);
    expect(JSON.parse(cli(['uninstall-hook', '--scope', 'project', '--json'], cwd).stdout)).toMatchObject({ removed: 1 });
    expect(JSON.parse(readFileSync(path.join(repo, '.claude', 'settings.json'), 'utf8'))).toEqual({});
  });

  it('an unknown scope is a usage error (exit 2)', () => {
    tmp = makeTmpHome();
    const result = cli(['install-hook', '--scope', 'managed']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Expected --scope=managed to be one of: user, project, local');
  });
});
