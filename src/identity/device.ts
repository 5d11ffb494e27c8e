/** This machine's identity: a random id created once in the state directory, plus hostname and platform. */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceInfo } from '../records/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Reads the device id, creating it on first use unless `create` is false (dry runs write nothing). */
export function loadDevice(home: string, options: { create: boolean }): DeviceInfo {
  const file = path.join(home, 'device.json');
  let id: string | null = null;
  if (existsSync(file)) {
    try {
      const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const value = (saved as { id?: unknown } | null)?.id;
      if (typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value)) id = value;
    } catch {
      id = null;
    }
  }
  if (id === null) {
    // node:crypto only now: loading it costs every run that already has an id ~8 ms.
    id = process.getBuiltinModule('node:crypto').randomUUID();
    if (options.create) writeFileAtomic(file, `${JSON.stringify({ id })}\n`, { mode: 0o600 });
  }
  return { id, hostname: os.hostname(), platform: process.platform };
}
