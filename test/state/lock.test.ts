import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../src/errors.js';
import { acquireLock, lockPath } from '../../src/state/lock.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

describe('sync lock', () => {
  it('is exclusive: a second taker waits until the first releases', async () => {
    using tmp = makeTmpHome();
    const first = await acquireLock(tmp.ciHome, { waitMs: 1000 });
    let waited = false;
    const second = acquireLock(tmp.ciHome, { waitMs: 10_000, onWait: () => (waited = true) });
    // The second taker must be blocked while the first holds the lock.
    const state = await Promise.race([second.then(() => 'acquired'), new Promise((r) => setImmediate(() => r('pending')))]);
    expect(state).toBe('pending');
    first.release();
    const lock = await second;
    expect(waited).toBe(true);
    lock.release();
    expect(existsSync(lockPath(tmp.ciHome))).toBe(false);
  });

  it('gives up with a clear error after its wait', async () => {
    using tmp = makeTmpHome();
    const held = await acquireLock(tmp.ciHome, { waitMs: 0 });
    await expect(acquireLock(tmp.ciHome, { waitMs: 50 })).rejects.toThrow(CheckpointError);
    held.release();
  });

  it('recovers a lock left by a process that died', async () => {
    using tmp = makeTmpHome();
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid as number;
    await new Promise((resolve) => child.on('exit', resolve));
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(lockPath(tmp.ciHome), JSON.stringify({ pid: deadPid, host: os.hostname() }));
    const lock = await acquireLock(tmp.ciHome, { waitMs: 0 });
    lock.release();
  });
});
