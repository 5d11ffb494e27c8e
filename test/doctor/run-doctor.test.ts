import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_GROUPS } from '../../src/doctor/check.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

function options(tmp: TmpHome) {
  return { cwd: tmp.home, home: tmp.ciHome, env: tmp.env };
}

describe('runDoctor', () => {
  it('a fresh machine: ok, groups in order, and nothing created', async () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const report = await runDoctor(options(tmp));
    expect(report.ok).toBe(true);
    const order = report.checks.map((c) => CHECK_GROUPS.indexOf(c.group));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(report.checks.filter((c) => c.status !== 'ok' && c.status !== 'info')).toEqual([]);
    expect(existsSync(tmp.ciHome)).toBe(false);
  });

  it('a config that does not load: the groups that need it say they were skipped; state and hook are still checked', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sinc: 'sqlite' }));
    const report = await runDoctor(options(tmp));
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.id === 'config.load')).toMatchObject({ status: 'fail', message: expect.stringContaining('sinc') });
    for (const group of ['store', 'roots', 'firestore', 'plugins']) {
      expect(report.checks.find((c) => c.group === group)).toMatchObject({ id: `${group}.skipped`, status: 'info' });
    }
    expect(report.checks.some((c) => c.id === 'state.dir')).toBe(true);
    expect(report.checks.some((c) => c.group === 'hook')).toBe(true);
  });

  it('without node:sqlite the runtime check fails and the store is not opened', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    writeFileSync(path.join(tmp.ciHome, 'data.db'), 'not a database', { mode: 0o600 });
    const noSqlite = async () => {
      throw new Error('No such built-in module: node:sqlite');
    };
    const report = await runDoctor({ ...options(tmp), runtime: { nodeVersion: '22.18.0', loadSqlite: noSqlite } });
    expect(report.checks.find((c) => c.id === 'runtime.sqlite')).toMatchObject({ status: 'fail' });
    expect(report.checks.filter((c) => c.group === 'store')).toEqual([expect.objectContaining({ id: 'store.skipped', status: 'info' })]);
  });

  it('Firestore is checked only when it is a configured sink', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    const env = { ...tmp.env, GOOGLE_APPLICATION_CREDENTIALS: path.join(tmp.root, 'missing.json') };
    expect((await runDoctor({ ...options(tmp), env })).checks.some((c) => c.group === 'firestore')).toBe(false);
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: ['sqlite', 'firestore'] }));
    const report = await runDoctor({ ...options(tmp), env });
    expect(report.checks.find((c) => c.group === 'firestore')).toMatchObject({ status: 'fail', message: expect.stringContaining('missing.json') });
  });
});
