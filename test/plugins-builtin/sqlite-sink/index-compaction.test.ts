import { describe, expect, it } from 'vitest';
import { WriteStore } from '../../../plugins-builtin/sqlite-sink/write-store.js';
import { querySql } from './db-dump.js';
import { makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

/** Index segments (b-trees) of the full-text index: each commit that indexed something adds one. */
const segments = (file: string) => querySql(file, 'SELECT DISTINCT segid FROM messages_fts_idx').length;
const hits = (file: string, term: string) =>
  querySql(file, 'SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid', term).map((r) => r['rowid']);

/** Writes conversation `n` of session `s-n` in its own transaction. */
const writeSession = (store: WriteStore, n: number) =>
  store.writeBatch(makeBatch(makeSession({ id: `s-${n}` }), makeConversation(`s-${n}`, `s${n}m`)));

describe('full-text index compaction on close', () => {
  it('a run that wrote a good share of the messages leaves the index as one segment, still finding every term', () => {
    using tmp = tempDb();
    const store = WriteStore.open(tmp.file);
    for (const n of [1, 2, 3]) writeSession(store, n);
    expect(segments(tmp.file)).toBe(3);
    const before = hits(tmp.file, 'suite');
    store.close();
    expect(segments(tmp.file)).toBe(1);
    expect(hits(tmp.file, 'suite')).toEqual(before);
    expect(before).toHaveLength(3);
  });

  it('a run that wrote little of a big store leaves the merging to FTS5', () => {
    using tmp = tempDb();
    const bulk = WriteStore.open(tmp.file);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) writeSession(bulk, n);
    bulk.close();
    expect(segments(tmp.file)).toBe(1);
    // 4 messages against 36 stored: less than a quarter.
    const small = WriteStore.open(tmp.file);
    writeSession(small, 9);
    small.close();
    expect(segments(tmp.file)).toBe(2);
  });

  it('a run that changed nothing does not touch the index', () => {
    using tmp = tempDb();
    const first = WriteStore.open(tmp.file);
    for (const n of [1, 2]) writeSession(first, n);
    first.close();
    const again = WriteStore.open(tmp.file);
    for (const n of [1, 2]) expect(writeSession(again, n)).toBe(0);
    const pages = querySql(tmp.file, 'SELECT count(*) AS n FROM messages_fts_data');
    again.close();
    expect(querySql(tmp.file, 'SELECT count(*) AS n FROM messages_fts_data')).toEqual(pages);
  });
});
