/** The sync lock: a lock file whose owner died is stale (the next sync recovers it); a live owner is a running sync. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { formatError } from '../errors.js';
import { isPidAlive, lockPath } from '../state/lock.js';
import { check, type DoctorCheck } from './check.js';

/** What lock.ts writes into the lock file. */
const ownerSchema = z.object({ pid: z.number().int().positive(), host: z.string(), startedAt: z.string().optional() });

/** Reads the lock file of `home`, if any, and says whether a sync holds it or a dead one left it behind. */
export function checkLock(home: string, probe: { hostname?: string; isAlive?: (pid: number) => boolean } = {}): DoctorCheck {
  const file = lockPath(home);
  // A sync with nothing to do never takes the lock, so a stale one can stay until one has work; it blocks nothing.
  const recovers = `Nothing to do: the next sync that has work recovers it (or remove ${file} if no sync is running)`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return check('state', 'lock', 'ok', 'no sync running (no lock file)');
    return check('state', 'lock', 'warn', `cannot read the lock file ${file}: ${formatError(error)}`, recovers);
  }
  let owner: z.infer<typeof ownerSchema> | null = null;
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    if (parsed.success) owner = parsed.data;
  } catch {
    owner = null;
  }
  if (!owner) return check('state', 'lock', 'warn', `the lock file ${file} names no owner (a sync died while taking it?)`, recovers);
  const since = owner.startedAt ? `, since ${owner.startedAt}` : '';
  if (owner.host !== (probe.hostname ?? os.hostname())) {
    return check('state', 'lock', 'info', `a sync on host ${owner.host} holds the lock (pid ${owner.pid}${since}); its liveness cannot be checked from here`);
  }
  if ((probe.isAlive ?? isPidAlive)(owner.pid)) return check('state', 'lock', 'info', `a sync is running (pid ${owner.pid}${since})`);
  return check('state', 'lock', 'warn', `stale lock: pid ${owner.pid}, which took it${since}, is no longer running`, recovers);
}
