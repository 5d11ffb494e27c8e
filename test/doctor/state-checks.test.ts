import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkState } from '../../src/doctor/state-checks.js';
import { saveState, statePath } from '../../src/state/checkpoint-store.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

import type { FileCursor } from '../../src/state/cursor.js';

const cursor: FileCursor = {
  sessionId: 's1',
  kind: 'main',
  size: 10,
  mtimeMs: 1,
  ino: 1,
  head: 'ab',
  headBytes: 10,
  offset: 10,
  projectId: '0123456789abcdef',
  projectName: 'demo',
  projectPath: '/demo',
  syncedAt: '2025-01-01T00:00:00.000Z',
};

function statuses(checks: ReturnType<typeof checkState>): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.id, c.status]));
}

describe('state checks', () => {
  it('a home not created yet is info, and checking it creates nothing', () => {
    using tmp = makeTmpHome();
    const checks = checkState(tmp.ciHome);
    expect(checks).toEqual([expect.objectContaining({ id: 'state.dir', status: 'info', message: expect.stringContaining('run "code-insights sync"') })]);
    expect(existsSync(tmp.ciHome)).toBe(false);
  });

  it('a home that is a file fails', () => {
    using tmp = makeTmpHome();
    writeFileSync(tmp.ciHome, 'x');
    expect(checkState(tmp.ciHome)).toEqual([expect.objectContaining({ id: 'state.dir', status: 'fail' })]);
  });

  it('owner-only home with a good state file: all ok, the tracked count told', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    saveState(tmp.ciHome, { version: 1, files: { '/a.jsonl': cursor, '/b.jsonl': { ...cursor, sessionId: 's2' } } });
    const checks = checkState(tmp.ciHome);
    expect(statuses(checks)).toEqual({ 'state.dir': 'ok', 'state.file': 'ok', 'state.lock': 'ok' });
    expect(checks.find((c) => c.id === 'state.file')?.message).toContain('2 transcripts tracked');
  });

  it('a home open to group and others warns with the chmod that fixes it', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome);
    chmodSync(tmp.ciHome, 0o755);
    const dir = checkState(tmp.ciHome).find((c) => c.id === 'state.dir');
    expect(dir).toMatchObject({ status: 'warn', message: expect.stringContaining('mode 755'), fix: `chmod 700 '${tmp.ciHome}'` });
    chmodSync(tmp.ciHome, 0o710);
    expect(checkState(tmp.ciHome).find((c) => c.id === 'state.dir')).toMatchObject({ status: 'warn', message: expect.stringContaining('mode 710') });
  });

  it('no state file yet is info', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    expect(checkState(tmp.ciHome).find((c) => c.id === 'state.file')).toMatchObject({ status: 'info' });
  });

  it('a corrupt state file fails with the loader message and its --force suggestion', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    writeFileSync(statePath(tmp.ciHome), '{"version":1,', { mode: 0o600 });
    const file = checkState(tmp.ciHome).find((c) => c.id === 'state.file');
    expect(file).toMatchObject({ status: 'fail', message: expect.stringContaining('is corrupt'), fix: expect.stringContaining('--force') });
  });

  it('a state file of a newer version fails, telling to upgrade', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    writeFileSync(statePath(tmp.ciHome), JSON.stringify({ version: 99, files: {} }), { mode: 0o600 });
    expect(checkState(tmp.ciHome).find((c) => c.id === 'state.file')).toMatchObject({ status: 'fail', message: expect.stringContaining('newer'), fix: 'Upgrade code-insights' });
  });

  it('a state file readable by others warns', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    saveState(tmp.ciHome, { version: 1, files: {} });
    chmodSync(statePath(tmp.ciHome), 0o644);
    const mode = checkState(tmp.ciHome).find((c) => c.id === 'state.file-mode');
    expect(mode).toMatchObject({ status: 'warn', fix: `chmod 600 '${path.join(tmp.ciHome, 'sync-state.json')}'` });
  });
});
