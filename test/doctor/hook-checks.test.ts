import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHook } from '../../src/doctor/hook-checks.js';
import { currentCommandParts, hookCommand } from '../../src/hook/hook-command.js';
import { recordHookRun } from '../../src/hook/hook-state.js';
import { installHook } from '../../src/hook/install-hook.js';
import { writeLedger } from '../../src/hook/install-ledger.js';
import { addSessionEndHook } from '../../src/hook/session-end-edit.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

/** Writes our hook with `command` into the user settings, recorded in the ledger as install-hook would. */
function plantHook(tmp: TmpHome, command: string): string {
  const file = path.join(tmp.claudeDir, 'settings.json');
  mkdirSync(tmp.claudeDir, { recursive: true });
  writeFileSync(file, addSessionEndHook(null, { command, timeout: 5 }, () => false).text);
  writeLedger(tmp.ciHome, {
    version: 1,
    files: { [path.resolve(file)]: { scope: 'user', command, created: { hooks: true, sessionEnd: true }, installedAt: '2025-01-01T00:00:00.000Z' } },
  });
  return file;
}

describe('hook checks', () => {
  it('not installed: info', () => {
    using tmp = makeTmpHome();
    expect(checkHook(tmp.ciHome, tmp.env, tmp.root)).toEqual([expect.objectContaining({ id: 'hook.installed', status: 'info', message: expect.stringContaining('install-hook') })]);
  });

  it('installed by install-hook: ok, naming the file and what it runs', () => {
    using tmp = makeTmpHome();
    const { file } = installHook({ scope: 'user', env: tmp.env, cwd: tmp.root, home: tmp.ciHome });
    const parts = currentCommandParts(tmp.env);
    expect(checkHook(tmp.ciHome, tmp.env, tmp.root)).toEqual([
      expect.objectContaining({ id: 'hook.command-user', status: 'ok', message: `installed in ${file} (user); runs ${parts.node} ${parts.binRun}` }),
    ]);
  });

  it('a command whose Node and CLI are gone fails, and install-hook again fixes it', () => {
    using tmp = makeTmpHome();
    const gone = path.join(tmp.root, 'old-install');
    const file = plantHook(tmp, hookCommand({ node: path.join(gone, 'node'), binRun: path.join(gone, 'bin/run.js'), codeInsightsHome: tmp.ciHome }));
    const [found] = checkHook(tmp.ciHome, tmp.env, tmp.root);
    expect(found).toMatchObject({ status: 'fail', message: expect.stringContaining(`the hook in ${file} (user) runs ${path.join(gone, 'node')} (Node) and`), fix: expect.stringContaining('install-hook') });
    expect(installHook({ scope: 'user', env: tmp.env, cwd: tmp.root, home: tmp.ciHome }).action).toBe('updated');
    expect(checkHook(tmp.ciHome, tmp.env, tmp.root)).toEqual([expect.objectContaining({ status: 'ok' })]);
  });

  it('a hook that syncs into another state directory warns', () => {
    using tmp = makeTmpHome();
    const other = path.join(tmp.root, 'other-home');
    plantHook(tmp, hookCommand({ ...currentCommandParts(tmp.env), codeInsightsHome: other }));
    expect(checkHook(tmp.ciHome, tmp.env, tmp.root)).toEqual([expect.objectContaining({ status: 'warn', message: expect.stringContaining(`syncs into ${other}, not into ${tmp.ciHome}`) })]);
  });

  it('a settings file that does not parse warns, naming it', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.claudeDir, { recursive: true });
    const file = path.join(tmp.claudeDir, 'settings.json');
    writeFileSync(file, '{ "hooks": ');
    const checks = checkHook(tmp.ciHome, tmp.env, tmp.root);
    expect(checks[0]).toMatchObject({ id: 'hook.settings-user', status: 'warn', message: expect.stringContaining(file) });
  });

  it('a failed last hook sync warns, pointing at the log', () => {
    using tmp = makeTmpHome();
    recordHookRun(tmp.ciHome, { startedAt: '2025-01-01T00:00:00.000Z', finishedAt: '2025-01-01T00:00:01.000Z', exitCode: 3, transcript: null, error: '[firestore] unreachable' });
    const last = checkHook(tmp.ciHome, tmp.env, tmp.root).find((c) => c.id === 'hook.last-run');
    expect(last).toMatchObject({ status: 'warn', message: expect.stringContaining('exited 3: [firestore] unreachable'), fix: expect.stringContaining('hook.log') });
    recordHookRun(tmp.ciHome, { startedAt: '2025-01-01T00:01:00.000Z', finishedAt: '2025-01-01T00:01:01.000Z', exitCode: 0, transcript: null });
    expect(checkHook(tmp.ciHome, tmp.env, tmp.root).find((c) => c.id === 'hook.last-run')).toBeUndefined();
  });
});
