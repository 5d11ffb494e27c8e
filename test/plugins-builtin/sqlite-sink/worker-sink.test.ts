/** The SQLite sink as the CLI runs it: the built worker thread (dist/), staging batches until flush. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../plugins-builtin/sqlite-sink/store.js';
import type { SessionRecord } from '../../../src/records/types.js';
import { REPO_ROOT } from '../../helpers/tmp-home.js';
import { makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

const built = (file: string) => pathToFileURL(path.join(REPO_ROOT, 'dist/plugins-builtin/sqlite-sink', file));

describe('worker-thread SQLite sink (built)', () => {
  it('commits staged batches on flush, reports a batch that failed, and drops what was never flushed', async () => {
    using tmp = tempDb();
    const { createWorkerSqliteSink } = (await import(built('worker-sink.js').href)) as typeof import('../../../plugins-builtin/sqlite-sink/worker-sink.js');
    const sink = createWorkerSqliteSink(tmp.file, built('sqlite-worker.js'));
    await sink.open();
    for (const id of ['s-1', 's-2', 's-3', 's-4', 's-5']) await sink.write(makeBatch(makeSession({ id }), makeConversation(id)));
    await sink.flush!();
    const invalid = { ...makeSession({ id: 's-bad' }), kind: 'not-a-kind' } as unknown as SessionRecord;
    await sink.write(makeBatch(invalid, []));
    await sink.write(makeBatch(makeSession({ id: 's-6' }), []));
    await expect(sink.flush!()).rejects.toThrow(/1 transcript\(s\) could not be written; first: \[sqlite\] writing session s-bad/);
    await sink.write(makeBatch(makeSession({ id: 's-unflushed' }), []));
    const listed: string[] = [];
    for await (const s of sink.listSessions({ project: null })) listed.push(s.id);
    expect(listed).toContain('s-unflushed');
    await sink.close();

    const store = SqliteStore.open(tmp.file, { readonly: true });
    expect(store.listSessions({ includeChildren: true }).map((s) => s.id).sort()).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5', 's-6']);
    expect(store.counts().messages).toBe(5 * makeConversation('x').length);
    store.close();
  });
});
