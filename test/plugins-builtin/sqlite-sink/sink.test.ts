import { resolveOptionsSchema } from '../../../src/plugins/define-plugin.js';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { sqliteSink, SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import { LATEST_SCHEMA_VERSION } from '../../../plugins-builtin/sqlite-sink/migrations.js';
import { SinkError } from '../../../src/errors.js';
import { createSyncHooks } from '../../../src/pipeline/sync-hooks.js';
import type { Logger, PluginContext, Sink, SyncRun } from '../../../src/plugins/types.js';
import type { SessionRecord } from '../../../src/records/types.js';
import { execSql } from './db-dump.js';
import { DEVICE_A, makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function context(stateDir: string, options: { path?: string } = {}): PluginContext<{ path?: string }> {
  return { options, logger, stateDir, signal: new AbortController().signal, origin: { kind: 'builtin' } };
}

const run: SyncRun = {
  force: false,
  dryRun: false,
  project: null,
  cwd: '/',
  home: '/nonexistent-home',
  device: DEVICE_A,
  limits: { messageText: 1000, thinking: 1000, toolInput: 1000, toolResult: 1000 },
  logger,
  signal: new AbortController().signal,
};

/** Applies the plugin to fresh hooks and returns the sinks the upload stage collects. */
async function sinksOf(stateDir: string, options: { path?: string } = {}, preceding: Sink[] = []): Promise<Sink[]> {
  const plugin = sqliteSink();
  const hooks = createSyncHooks();
  await plugin.apply(hooks, context(stateDir, options));
  return hooks.upload.promise(preceding, run);
}

async function collect(iterable: AsyncIterable<SessionRecord>): Promise<SessionRecord[]> {
  const out: SessionRecord[] = [];
  for await (const s of iterable) out.push(s);
  return out;
}

describe('sqliteSink plugin', () => {
  it('declares its name, role and a strict options schema', async () => {
    const plugin = sqliteSink();
    expect(plugin.name).toBe('sqlite-sink');
    expect(plugin.provides).toBe('sink:sqlite');
    const schema = await resolveOptionsSchema(plugin);
    expect(schema?.safeParse({ path: '/x/data.db' }).success).toBe(true);
    expect(schema?.safeParse({}).success).toBe(true);
    expect(schema?.safeParse({ path: '/x', wal: false }).success).toBe(false);
  });

  it('checks options given to the factory when it is applied', async () => {
    using tmp = tempDb();
    await expect(sqliteSink({ path: '' }).apply(createSyncHooks(), context(tmp.dir))).rejects.toThrow(ZodError);
    await expect(sqliteSink({ writer: 'sometimes' as 'auto' }).apply(createSyncHooks(), context(tmp.dir))).rejects.toThrow(ZodError);
    await expect(sqliteSink({ writer: 'inline' }).apply(createSyncHooks(), context(tmp.dir))).resolves.toBeUndefined();
  });

  it('appends one sink named sqlite after the ones already listed, and creates no file until opened', async () => {
    using tmp = tempDb();
    const stateDir = path.join(tmp.dir, 'ci-home');
    const other: Sink = { name: 'other', open: async () => {}, write: async () => {}, listSessions: () => collectNone(), updateTitles: async () => {}, close: async () => {} };
    const sinks = await sinksOf(stateDir, {}, [other]);
    expect(sinks.map((s) => s.name)).toEqual(['other', 'sqlite']);
    // A dry run or a run with nothing to write never calls open(): no directory, no file.
    await sinks[1]!.close();
    expect(existsSync(stateDir)).toBe(false);
  });

  it('writes to <stateDir>/data.db, reads back through listSessions and updateTitles, and closes', async () => {
    using tmp = tempDb();
    const [sink] = await sinksOf(tmp.dir);
    await sink!.open();
    const session = makeSession();
    const child = makeSession({ id: 's-1:agent-z', kind: 'subagent', parentSessionId: 's-1', agentId: 'z' });
    await sink!.write(makeBatch(session, makeConversation(session.id)));
    await sink!.write(makeBatch(child, []));
    // The regenerate-titles path sees child sessions too, and can filter by project.
    expect((await collect(sink!.listSessions({ project: null }))).map((s) => s.id).sort()).toEqual(['s-1', 's-1:agent-z']);
    expect(await collect(sink!.listSessions({ project: 'elsewhere' }))).toEqual([]);
    await sink!.updateTitles([{ id: 's-1', title: 'New', titleSource: 'summary', character: 'learning', characterSignals: { rule: 'questions' } }]);
    await sink!.close();
    expect(readdirSync(tmp.dir)).toContain('data.db');
    const store = SqliteStore.open(path.join(tmp.dir, 'data.db'), { readonly: true });
    expect(store.getSession('s-1')).toMatchObject({ title: 'New', character: 'learning' });
    expect(store.counts()).toMatchObject({ sessions: 1, childSessions: 1, messages: 4 });
    store.close();
  });

  it('honours the path option: absolute as given, relative to the state directory', async () => {
    using tmp = tempDb();
    const absolute = path.join(tmp.dir, 'elsewhere', 'mine.db');
    for (const [option, expected] of [
      [absolute, absolute],
      ['nested/rel.db', path.join(tmp.dir, 'nested', 'rel.db')],
    ] as const) {
      const [sink] = await sinksOf(tmp.dir, { path: option });
      await sink!.open();
      await sink!.write(makeBatch(makeSession(), []));
      await sink!.close();
      expect(existsSync(expected)).toBe(true);
    }
  });

  it('open() rejects a database from a newer version with a SinkError (exit 3)', async () => {
    using tmp = tempDb();
    SqliteStore.open(tmp.file).close();
    execSql(tmp.file, `PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    const [sink] = await sinksOf(tmp.dir);
    const error = await sink!.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).exitCode).toBe(3);
    expect((error as SinkError).message).toMatch(/^\[sqlite\] .*newer code-insights/);
  });

  it('open() turns a path it cannot create into a SinkError that says unreachable (exit 3)', async () => {
    using tmp = tempDb();
    writeFileSync(path.join(tmp.dir, 'a-file'), 'not a directory');
    const [sink] = await sinksOf(tmp.dir, { path: 'a-file/data.db' });
    const error = await sink!.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).code).toBe('SINK_UNAVAILABLE');
    expect((error as SinkError).message).toMatch(/^\[sqlite\] cannot open .*a-file\/data\.db: /);
  });

  it('a write that fails names the sink and the session, and is not reported as unreachable', async () => {
    using tmp = tempDb();
    const [sink] = await sinksOf(tmp.dir);
    await sink!.open();
    const invalid = { ...makeSession({ id: 's-y' }), kind: 'not-a-kind' } as unknown as SessionRecord;
    const error = await sink!.write(makeBatch(invalid, [])).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).message).toMatch(/^\[sqlite\] writing session s-y to .*data\.db failed: CHECK constraint failed/);
    expect((error as SinkError).code).toBe('SINK_WRITE');
    await sink!.close();
  });

  it('stages writes until flush: unflushed batches are dropped at close, a failing batch rolls back alone', async () => {
    using tmp = tempDb();
    const [sink] = await sinksOf(tmp.dir);
    await sink!.open();
    await sink!.write(makeBatch(makeSession({ id: 's-a' }), makeConversation('s-a')));
    const invalid = { ...makeSession({ id: 's-bad' }), kind: 'not-a-kind' } as unknown as SessionRecord;
    await expect(sink!.write(makeBatch(invalid, makeConversation('s-bad')))).rejects.toThrow(SinkError);
    await sink!.write(makeBatch(makeSession({ id: 's-b' }), []));
    await sink!.flush!();
    await sink!.write(makeBatch(makeSession({ id: 's-never' }), []));
    await sink!.close();
    const store = SqliteStore.open(tmp.file, { readonly: true });
    expect(store.listSessions({ includeChildren: true }).map((s) => s.id).sort()).toEqual(['s-a', 's-b']);
    expect(store.listMessages('s-bad')).toEqual([]);
    store.close();
  });

  it('a batch mixing sessions is refused as a write error', async () => {
    using tmp = tempDb();
    const [sink] = await sinksOf(tmp.dir);
    await sink!.open();
    const error = await sink!.write(makeBatch(makeSession({ id: 's-x' }), makeConversation('not-s-x'))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).message).toMatch(/^\[sqlite\] the batch of session s-x holds a message of session not-s-x/);
    expect((error as SinkError).code).toBe('SINK_WRITE');
    await sink!.close();
  });
});

async function* collectNone(): AsyncIterable<SessionRecord> {}
