/**
 * The last run's outcome, for `status`, in its own small file: even a sync with nothing to do records it, without
 * taking the lock or rewriting the (large) cursor file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

/**
 * Rewritten in place, not through a temp file and rename: creating a file cost a no-op sync ~5 ms here, and a
 * torn record (two syncs finishing at once, a crash mid-write) only reads as "unknown" until the next sync.
 */
export function writeLastSync(home: string, last: LastSync): void {
  const file = lastSyncPath(home);
  const data = `${JSON.stringify(last)}\n`;
  try {
    writeFileSync(file, data, { mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(file, data, { mode: 0o600 });
  }
}
