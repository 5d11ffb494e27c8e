/**
 * The last run's outcome, for `status`, in its own small file: even a sync with nothing to do records it, without
 * taking the lock or rewriting the (large) cursor file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface LastSync {
  at: string;
  durationMs: number;
  exitCode: number;
  sessionsWritten: number;
  failed: number;
}

function lastSyncPath(home: string): string {
  return path.join(home, 'last-sync.json');
}

/** The recorded last sync, or null (never synced, or an unreadable file: it is only informative). */
export function readLastSync(home: string): LastSync | null {
  const file = lastSyncPath(home);
  if (!existsSync(file)) return null;
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const v = value as Partial<LastSync> | null;
    if (typeof v?.at !== 'string' || typeof v.exitCode !== 'number') return null;
    return { at: v.at, durationMs: Number(v.durationMs) || 0, exitCode: v.exitCode, sessionsWritten: Number(v.sessionsWritten) || 0, failed: Number(v.failed) || 0 };
  } catch {
    return null;
  }
}

export function writeLastSync(home: string, last: LastSync): void {
  writeFileAtomic(lastSyncPath(home), `${JSON.stringify(last)}\n`, { mode: 0o600, fsync: false });
}
