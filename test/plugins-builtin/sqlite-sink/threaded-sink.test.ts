/** The sqlite sink writing from a worker thread (`writer: thread`), against the built worker script. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSqliteSink, SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import { LATEST_SCHEMA_VERSION } from '../../../plugins-builtin/sqlite-sink/migrations.js';
import { SinkError } from '../../../src/errors.js';
import type { Sink } from '../../../src/plugins/types.js';
import type { SessionBatch, SessionRecord } from '../../../src/records/types.js';
import { dumpTables, execSql } from './db-dump.js';
import { makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

// Worker threads load JavaScript: the build of the worker (npm test builds before it runs vitest).
const workerScript = new URL('../../../dist/plugins-builtin/sqlite-sink/store-worker.js', import.meta.url);

function threaded(file: string): Sink {
  return createSqliteSink(file, { writer: 'thread', workerScript });
}

function batches(count: number): SessionBatch[] {
  return Array.from({ length: count }, (_, i) => {
    const session = makeSession({ id: `s-${i}` });
    return { ...makeBatch(session, makeConversation(session.id, `m${i}-`)), file: { ...makeBatch(session, []).file, path: `/t/s-${i}.jsonl` } };
  });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('sqlite sink on a worker thread', () => {
  it('the build of the worker exists', () => {
    expect(existsSync(fileURLToPath(workerScript))).toBe(true);
  });

  it('stores exactly what the inline writer stores, many batches ahead of the thread', async () => {
    using inline = tempDb();
    using thread = tempDb();
    const all = batches(25);
    const direct = createSqliteSink(inline.file, { writer: 'inline' });
    const worker = threaded(thread.file);
    for (const sink of [direct, worker]) {
      await sink.open();
      for (const batch of all) await sink.write(batch);
      await sink.flush!();
      await sink.close();
    }
    const dump = (file: string) => dumpTables(file, { omit: { sessions: ['updated_at'] } });
    expect(dump(thread.file)).toEqual(dump(inline.file));
    expect(dump(thread.file)['messages']).toHaveLength(100);
  });

  it('a failing batch is reported by the next flush with its transcript; the others are committed', async () => {
    using tmp = tempDb();
    const sink = threaded(tmp.file);
    await sink.open();
    const [a, b] = batches(2);
    const invalid = { ...makeSession({ id: 's-bad' }), kind: 'not-a-kind' } as unknown as SessionRecord;
    const bad = { ...makeBatch(invalid, makeConversation('s-bad')), file: { ...a!.file, path: '/t/bad.jsonl' } };
    await sink.write(a!);
    await sink.write(bad);
    await sink.write(b!);
    const error = await failureOf(sink.flush!());
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).failures).toEqual([{ path: '/t/bad.jsonl', message: expect.stringMatching(/session s-bad failed: CHECK constraint failed/) }]);
    expect((error as SinkError).exitCode).toBe(1);
    // Staged but never flushed: dropped at close, like the inline writer.
    await sink.write({ ...makeBatch(makeSession({ id: 's-never' }), []), file: { ...a!.file, path: '/t/never.jsonl' } });
    await sink.close();
    const store = SqliteStore.open(tmp.file, { readonly: true });
    expect(store.listSessions({ includeChildren: true }).map((s) => s.id).sort()).toEqual(['s-0', 's-1']);
    expect(store.listMessages('s-bad')).toEqual([]);
    store.close();
  });

  it('open() rejects a database from a newer version with the same SinkError as inline (exit 3)', async () => {
    using tmp = tempDb();
    SqliteStore.open(tmp.file).close();
    execSql(tmp.file, `PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    const error = await failureOf(threaded(tmp.file).open());
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).exitCode).toBe(3);
    expect((error as SinkError).message).toMatch(/^\[sqlite\] .*newer code-insights/);
    expect((error as SinkError).suggestions.length).toBeGreaterThan(0);
  });

  it('reads back and updates titles on its own connection after committing what the thread staged', async () => {
    using tmp = tempDb();
    const sink = threaded(tmp.file);
    await sink.open();
    const [a] = batches(1);
    await sink.write(a!);
    await sink.updateTitles([{ id: 's-0', title: 'renamed', titleSource: 'prompt', character: 'bug_hunt', characterSignals: null }]);
    const ids: string[] = [];
    for await (const session of sink.listSessions({ project: null })) ids.push(`${session.id}:${session.title}`);
    expect(ids).toEqual(['s-0:renamed']);
    await sink.close();
  });
});
