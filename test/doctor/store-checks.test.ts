import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, SqliteStore } from '../../plugins-builtin/sqlite-sink/index.js';
import { checkStore } from '../../src/doctor/store-checks.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

/** A store as sync leaves it: created and migrated by the writer, then closed. */
function makeStore(tmp: TmpHome): string {
  mkdirSync(tmp.ciHome, { recursive: true, mode: 0o700 });
  const file = path.join(tmp.ciHome, 'data.db');
  SqliteStore.open(file).close();
  return file;
}

function byId(checks: ReturnType<typeof checkStore>): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.id, c.status]));
}

describe('store checks', () => {
  it('a missing file is info when the sink is configured, and nothing otherwise', () => {
    using tmp = makeTmpHome();
    const file = path.join(tmp.ciHome, 'data.db');
    expect(checkStore(file, { configured: true })).toEqual([expect.objectContaining({ id: 'store.file', status: 'info' })]);
    expect(checkStore(file, { configured: false })).toEqual([]);
  });

  it('a healthy store passes every check and is left as it was: no -wal or -shm created', () => {
    using tmp = makeTmpHome();
    const file = makeStore(tmp);
    const before = readdirSync(tmp.ciHome).sort();
    const mtime = statSync(file).mtimeMs;
    expect(byId(checkStore(file, { configured: true }))).toEqual({ 'store.open': 'ok', 'store.schema': 'ok', 'store.integrity': 'ok', 'store.mode': 'ok' });
    expect(readdirSync(tmp.ciHome).sort()).toEqual(before);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('reads a store a sync has open (its -wal and -shm exist) the normal way', () => {
    using tmp = makeTmpHome();
    const file = makeStore(tmp);
    const writer = SqliteStore.open(file);
    try {
      expect(byId(checkStore(file, { configured: true }))).toMatchObject({ 'store.open': 'ok', 'store.integrity': 'ok' });
    } finally {
      writer.close();
    }
  });

  it('garbage bytes fail with a clear message and a rebuild suggestion', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { mode: 0o700 });
    const file = path.join(tmp.ciHome, 'data.db');
    writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 37 + 11) % 256)), { mode: 0o600 });
    const checks = checkStore(file, { configured: true });
    expect(checks.find((c) => c.id === 'store.open')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/cannot be read as a SQLite database \(file is not a database\)/),
      fix: expect.stringContaining('sync --force'),
    });
  });

  it('damaged pages behind a valid header fail the store', () => {
    using tmp = makeTmpHome();
    const file = makeStore(tmp);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(8192);
    // Keep page 1 (header and schema), overwrite the rest.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
    closeSync(fd);
    const failed = checkStore(file, { configured: true }).filter((c) => c.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.fix).toContain('sync --force');
  });

  it('a schema newer than this build fails; an older one warns to sync once', () => {
    using tmp = makeTmpHome();
    const file = makeStore(tmp);
    const bump = (version: number) => {
      const db = new DatabaseSync(file);
      db.exec(`PRAGMA user_version = ${version}`);
      db.close();
    };
    bump(LATEST_SCHEMA_VERSION + 1);
    expect(checkStore(file, { configured: true }).find((c) => c.id === 'store.schema')).toMatchObject({ status: 'fail', fix: 'Upgrade code-insights' });
    bump(LATEST_SCHEMA_VERSION - 1);
    expect(checkStore(file, { configured: true }).find((c) => c.id === 'store.schema')).toMatchObject({ status: 'warn', fix: expect.stringContaining('code-insights sync') });
  });

  it('a store readable by others warns with the chmod', () => {
    using tmp = makeTmpHome();
    const file = makeStore(tmp);
    chmodSync(file, 0o644);
    expect(checkStore(file, { configured: true }).find((c) => c.id === 'store.mode')).toMatchObject({ status: 'warn', fix: `chmod 600 '${file}'` });
  });
});
