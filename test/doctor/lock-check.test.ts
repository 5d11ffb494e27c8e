import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { checkLock } from '../../src/doctor/lock-check.js';
import { isPidAlive } from '../../src/state/lock.js';
import { acquireLock, lockPath } from '../../src/state/lock.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

/** The pid of a process that has exited (the OS may reuse it, but not within a test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? 0;
}

describe('lock check', () => {
  it('no lock file: ok', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome);
    expect(checkLock(tmp.ciHome)).toMatchObject({ id: 'state.lock', status: 'ok' });
  });

  it('a lock held by a live sync (the real lock of this process) is info, not a problem', async () => {
    using tmp = makeTmpHome();
    const lock = await acquireLock(tmp.ciHome, { waitMs: 0 });
    try {
      expect(checkLock(tmp.ciHome)).toMatchObject({ status: 'info', message: expect.stringContaining(`a sync is running (pid ${process.pid}`) });
    } finally {
      lock.release();
    }
  });

  it('a lock left by a dead process on this host warns that the next sync recovers it', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome);
    const pid = deadPid();
    expect(isPidAlive(pid)).toBe(false);
    writeFileSync(lockPath(tmp.ciHome), JSON.stringify({ pid, host: os.hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
    expect(checkLock(tmp.ciHome)).toMatchObject({
      status: 'warn',
      message: expect.stringContaining(`stale lock: pid ${pid}`),
      fix: expect.stringContaining('the next sync that has work recovers it'),
    });
  });

  it("another host's lock cannot be judged from here: info", () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome);
    writeFileSync(lockPath(tmp.ciHome), JSON.stringify({ pid: deadPid(), host: 'elsewhere.example' }));
    expect(checkLock(tmp.ciHome)).toMatchObject({ status: 'info', message: expect.stringContaining('host elsewhere.example') });
  });

  it('a lock file without an owner warns', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome);
    writeFileSync(lockPath(tmp.ciHome), '{"pid":');
    expect(checkLock(tmp.ciHome)).toMatchObject({ status: 'warn', message: expect.stringContaining('names no owner') });
    writeFileSync(lockPath(tmp.ciHome), JSON.stringify({ pid: 0, host: os.hostname() }));
    expect(checkLock(tmp.ciHome)).toMatchObject({ status: 'warn' });
  });
});
