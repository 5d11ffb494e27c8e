import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/doctor/config-checks.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

describe('config checks', () => {
  it('no config file: ok with the defaults, and the sinks as info', async () => {
    using tmp = makeTmpHome();
    const { checks, loaded } = await checkConfig({ cwd: tmp.home, home: tmp.ciHome });
    expect(loaded).not.toBeNull();
    expect(checks).toEqual([
      expect.objectContaining({ id: 'config.load', status: 'ok', message: expect.stringContaining('defaults') }),
      expect.objectContaining({ id: 'config.sinks', status: 'info', message: 'sync writes to: sqlite' }),
    ]);
  });

  it('lists the config files found, user and repository', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    const user = path.join(tmp.ciHome, 'config.json');
    writeFileSync(user, JSON.stringify({ limits: { messageText: 1000 } }));
    const repo = path.join(tmp.home, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    writeFileSync(path.join(repo, '.code-insightsrc.json'), JSON.stringify({ sink: ['sqlite', 'firestore'] }));
    const { checks } = await checkConfig({ cwd: repo, home: tmp.ciHome });
    expect(checks[0]).toMatchObject({ status: 'ok', message: `config files: ${user}, ${path.join(repo, '.code-insightsrc.json')}` });
    expect(checks[1]).toMatchObject({ message: 'sync writes to: sqlite, firestore' });
  });

  it('a bad key fails, naming the file and the key', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    const file = path.join(tmp.ciHome, 'config.json');
    writeFileSync(file, JSON.stringify({ limits: { messageText: 'lots' } }));
    const { checks, loaded } = await checkConfig({ cwd: tmp.home, home: tmp.ciHome });
    expect(loaded).toBeNull();
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ id: 'config.load', status: 'fail', fix: expect.any(String) });
    expect(checks[0]?.message).toContain('limits.messageText');
    expect(checks[0]?.message).toContain(file);
  });

  it('a file that is not JSON fails, naming the file', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    const file = path.join(tmp.ciHome, 'config.json');
    writeFileSync(file, '{ "sink": ');
    const { checks } = await checkConfig({ cwd: tmp.home, home: tmp.ciHome });
    expect(checks[0]).toMatchObject({ status: 'fail', message: expect.stringContaining(file), fix: expect.stringContaining(file) });
  });

  it('a disabled sink is not listed as written to', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: ['sqlite', 'firestore'], disable: ['firestore-sink'] }));
    const { checks } = await checkConfig({ cwd: tmp.home, home: tmp.ciHome });
    expect(checks[1]).toMatchObject({ message: 'sync writes to: sqlite' });
  });
});
