import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binRunPath, currentCommandParts, hookCommand, HookCommandError, shellQuote, verifyHookCommand } from '../../src/hook/hook-command.js';
import { makeTmpHome, REPO_ROOT, type TmpHome } from '../helpers/tmp-home.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

describe('hook command', () => {
  it('uses absolute paths: this Node binary and this package bin/run.js', () => {
    tmp = makeTmpHome();
    const parts = currentCommandParts(tmp.env);
    expect(parts.node).toBe(process.execPath);
    expect(parts.binRun).toBe(path.join(REPO_ROOT, 'bin', 'run.js'));
    expect(existsSync(binRunPath())).toBe(true);
    expect(hookCommand(parts)).toBe(`CODE_INSIGHTS_HOME='${tmp.ciHome}' '${process.execPath}' '${parts.binRun}' sync -q`);
    const { CODE_INSIGHTS_HOME: _unset, ...without } = tmp.env;
    expect(hookCommand(currentCommandParts(without))).toBe(`'${process.execPath}' '${parts.binRun}' sync -q`);
  });

  it('quotes for sh so any path survives, including spaces, quotes and $', () => {
    const nasty = "/tmp/it's a $HOME `x` \"dir\"";
    const echoed = spawnSync('/bin/sh', ['-c', `printf %s ${shellQuote(nasty)}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe(nasty);
  });

  it('verifies the command answers --version through sh from another directory', () => {
    tmp = makeTmpHome();
    const version = verifyHookCommand(currentCommandParts(tmp.env), tmp.env);
    expect(version).toMatch(/^code-insights\/\d+\.\d+\.\d+/);
  });

  it('fails clearly when the Node binary is missing or the entry point is not our CLI', () => {
    tmp = makeTmpHome();
    const parts = currentCommandParts(tmp.env);
    expect(() => verifyHookCommand({ ...parts, node: path.join(tmp.root, 'no-node') }, tmp.env)).toThrow(HookCommandError);
    expect(() => verifyHookCommand({ ...parts, binRun: path.join(tmp.root, 'missing.js') }, tmp.env)).toThrow(/not readable/);
    const impostor = path.join(tmp.root, 'dir with space', 'run.js');
    mkdirSync(path.dirname(impostor), { recursive: true });
    writeFileSync(impostor, 'process.exit(3)\n');
    expect(() => verifyHookCommand({ ...parts, binRun: impostor }, tmp.env)).toThrow(/does not run .*exit 3/);
    const notExecutable = path.join(tmp.root, 'node-copy');
    writeFileSync(notExecutable, '');
    chmodSync(notExecutable, 0o644);
    expect(() => verifyHookCommand({ ...parts, node: notExecutable }, tmp.env)).toThrow(/not an executable file/);
  });
});
