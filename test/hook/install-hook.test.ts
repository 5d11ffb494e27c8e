import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentCommandParts, hookCommand } from '../../src/hook/hook-command.js';
import { readHookStatus } from '../../src/hook/hook-status.js';
import { installHook, uninstallHook } from '../../src/hook/install-hook.js';
import { ledgerPath } from '../../src/hook/install-ledger.js';
import { BACKUP_SUFFIX, SettingsFileError } from '../../src/hook/settings-file.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

function options(scope: 'user' | 'project' | 'local' = 'user', cwd?: string) {
  return { scope, env: tmp.env, cwd: cwd ?? tmp.root, home: tmp.ciHome };
}

function userSettings(): string {
  return path.join(tmp.claudeDir, 'settings.json');
}

describe('installHook / uninstallHook', () => {
  it('absent file: install creates it, uninstall leaves {} and forgets the install', () => {
    tmp = makeTmpHome();
    const installed = installHook(options());
    expect(installed).toMatchObject({ action: 'added', file: userSettings(), backup: null });
    expect(installed.command).toBe(hookCommand(currentCommandParts(tmp.env)));
    const doc = JSON.parse(readFileSync(userSettings(), 'utf8')) as { hooks: { SessionEnd: Array<{ hooks: Array<{ command: string; timeout: number }> }> } };
    const handler = doc.hooks.SessionEnd[0]?.hooks[0];
    expect(handler?.command).toBe(installed.command);
    // Seconds, and small: it raises the shared SessionEnd budget of every hook.
    expect(handler?.timeout).toBeGreaterThanOrEqual(2);
    expect(handler?.timeout).toBeLessThanOrEqual(10);
    expect(readHookStatus(tmp.ciHome, tmp.env, tmp.root).installed).toEqual([{ scope: 'user', file: userSettings() }]);
    const removed = uninstallHook(options());
    expect(removed.removed).toBe(1);
    expect(JSON.parse(readFileSync(userSettings(), 'utf8'))).toEqual({});
    expect(JSON.parse(readFileSync(ledgerPath(tmp.ciHome), 'utf8'))).toEqual({ version: 1, files: {} });
    expect(readHookStatus(tmp.ciHome, tmp.env, tmp.root).installed).toEqual([]);
  });

  it('existing file: backup of the previous content, round trip to the same bytes, twice is once', () => {
    tmp = makeTmpHome();
    mkdirSync(tmp.claudeDir, { recursive: true });
    const original = '{\n  "model": "opus",\n  "hooks": {\n    "Stop": [{ "hooks": [{ "type": "command", "command": "n.sh" }] }]\n  }\n}\n';
    writeFileSync(userSettings(), original);
    const first = installHook(options());
    expect(first.backup).toBe(userSettings() + BACKUP_SUFFIX);
    expect(readFileSync(userSettings() + BACKUP_SUFFIX, 'utf8')).toBe(original);
    const afterFirst = readFileSync(userSettings(), 'utf8');
    expect(installHook(options())).toMatchObject({ action: 'present', backup: null });
    expect(readFileSync(userSettings(), 'utf8')).toBe(afterFirst);
    uninstallHook(options());
    expect(readFileSync(userSettings(), 'utf8')).toBe(original);
    expect(uninstallHook(options()).removed).toBe(0);
  });

  it('invalid JSON is left untouched, with an exit-2 error naming the file and the parse error', () => {
    tmp = makeTmpHome();
    mkdirSync(tmp.claudeDir, { recursive: true });
    writeFileSync(userSettings(), '{"model": "opus",,}');
    let caught: unknown;
    try {
      installHook(options());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsFileError);
    expect((caught as SettingsFileError).exitCode).toBe(2);
    expect((caught as Error).message).toContain(userSettings());
    expect((caught as Error).message).toMatch(/JSON/);
    expect(readFileSync(userSettings(), 'utf8')).toBe('{"model": "opus",,}');
    expect(existsSync(userSettings() + BACKUP_SUFFIX)).toBe(false);
    expect(existsSync(ledgerPath(tmp.ciHome))).toBe(false);
  });

  it('project and local scopes write into the repository, user settings untouched', () => {
    tmp = makeTmpHome();
    const repo = path.join(tmp.root, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(path.join(repo, 'pkg'), { recursive: true });
    const cwd = path.join(repo, 'pkg');
    expect(installHook(options('project', cwd)).file).toBe(path.join(repo, '.claude', 'settings.json'));
    expect(installHook(options('local', cwd)).file).toBe(path.join(repo, '.claude', 'settings.local.json'));
    expect(existsSync(userSettings())).toBe(false);
    const status = readHookStatus(tmp.ciHome, tmp.env, cwd);
    expect(status.installed.map((entry) => entry.scope)).toEqual(['project', 'local']);
    uninstallHook(options('project', cwd));
    uninstallHook(options('local', cwd));
    expect(JSON.parse(readFileSync(path.join(repo, '.claude', 'settings.json'), 'utf8'))).toEqual({});
    expect(readHookStatus(tmp.ciHome, tmp.env, cwd).installed).toEqual([]);
  });

  it('recognises its own older command after the install moved, and replaces it rather than adding a second', () => {
    tmp = makeTmpHome();
    const parts = currentCommandParts(tmp.env);
    // An install from a Node that has since moved: same package, the old Node path is only in the ledger.
    const old = installHook({ ...options(), parts: { ...parts, node: process.execPath } });
    const ledger = JSON.parse(readFileSync(ledgerPath(tmp.ciHome), 'utf8')) as { files: Record<string, { command: string }> };
    const oldCommand = old.command.replace(`'${process.execPath}'`, "'/old/node'");
    const entry = ledger.files[userSettings()];
    if (!entry) throw new Error('no ledger entry');
    entry.command = oldCommand;
    writeFileSync(ledgerPath(tmp.ciHome), JSON.stringify(ledger));
    writeFileSync(userSettings(), readFileSync(userSettings(), 'utf8').replace(JSON.stringify(old.command), JSON.stringify(oldCommand)));
    expect(readHookStatus(tmp.ciHome, tmp.env, tmp.root).installed).toHaveLength(1);
    expect(installHook(options())).toMatchObject({ action: 'updated' });
    const text = readFileSync(userSettings(), 'utf8');
    expect(text).toContain(JSON.stringify(old.command));
    expect(text).not.toContain('/old/node');
    uninstallHook(options());
    expect(JSON.parse(readFileSync(userSettings(), 'utf8'))).toEqual({});
  });

  it('does not edit settings when the command would not run', () => {
    tmp = makeTmpHome();
    const parts = { ...currentCommandParts(tmp.env), node: path.join(tmp.root, 'gone', 'node') };
    expect(() => installHook({ ...options(), parts })).toThrow(/not an executable file/);
    expect(existsSync(userSettings())).toBe(false);
  });
});
