/**
 * One sync at a time per state directory: an exclusive lock file holding the owner's pid and host.
 * A lock whose owner died (same host, pid gone) or stopped refreshing it is stale and taken over.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CheckpointError } from '../errors.js';

/** A lock not refreshed for this long belongs to a hung or crashed process. */
const STALE_AFTER_MS = 60_000;
const REFRESH_EVERY_MS = 10_000;

export interface SyncLock {
  release(): void;
}

/** Path of the lock file. */
export function lockPath(home: string): string {
  return path.join(home, 'sync.lock');
}

/** Takes the lock, waiting up to `waitMs` for another sync to finish; `onWait` is told once when we wait. */
export async function acquireLock(home: string, options: { waitMs: number; onWait?: (owner: string) => void }): Promise<SyncLock> {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = lockPath(home);
  const deadline = Date.now() + options.waitMs;
  let told = false;
  let pause = 20;
  for (;;) {
    if (tryCreate(file)) return holdLock(file);
    const owner = readOwner(file);
    if (owner === null || isStale(file, owner)) {
      removeIfStill(file, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CheckpointError(`Another sync is running (${describe(owner)}); gave up waiting`, {
        suggestions: [`If no sync is running, remove ${file}`],
      });
    }
    if (!told) options.onWait?.(describe(owner));
    told = true;
    await delay(pause);
    pause = Math.min(pause * 2, 500);
  }
}

interface Owner {
  pid: number;
  host: string;
}

/**
 * Two waiters may both see the same stale lock: move it aside first and check that what we moved is the lock we
 * judged stale; if a fresh owner slipped in meanwhile, put its lock back.
 */
function removeIfStill(file: string, stale: Owner | null): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  const same = stale === null || moved === null || (moved.pid === stale.pid && moved.host === stale.host);
  if (!same) {
    try {
      linkSync(aside, file);
    } catch {
      /* someone took the free slot already; they own the lock now */
    }
  }
  rmSync(aside, { force: true });
}

function tryCreate(file: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readOwner(file: string): Owner | null {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { pid, host } = value as { pid?: unknown; host?: unknown };
    return typeof pid === 'number' && typeof host === 'string' ? { pid, host } : null;
  } catch (error) {
    // Vanished between our create attempt and the read: not stale, just retry.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pid: -1, host: '' };
    // Half-written by a process that died mid-write: stale if old enough.
    return ageMs(file) > STALE_AFTER_MS ? null : { pid: -1, host: '' };
  }
}

function isStale(file: string, owner: Owner): boolean {
  if (owner.pid === -1) return false;
  if (owner.host === os.hostname() && !isPidAlive(owner.pid)) return true;
  return ageMs(file) > STALE_AFTER_MS;
}

/** Whether a process with this pid exists on this host (EPERM: it does, owned by someone else). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function describe(owner: Owner): string {
  return owner.pid > 0 ? `pid ${owner.pid} on ${owner.host}` : 'another process';
}

function holdLock(file: string): SyncLock {
  // Refreshing the mtime tells others we are alive during long syncs.
  const timer = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      /* lock removed under us; release() is still safe */
    }
  }, REFRESH_EVERY_MS);
  timer.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      rmSync(file, { force: true });
    },
  };
}
