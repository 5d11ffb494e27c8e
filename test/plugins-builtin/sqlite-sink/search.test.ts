import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteStore, toFtsQuery } from '../../../plugins-builtin/sqlite-sink/index.js';
import { execSql } from './db-dump.js';
import { makeBatch, makeConversation, makeMessage, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

describe('searchMessages', () => {
  it('finds messages by words of their text or thinking, with a snippet and the session title', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    store.writeBatch(makeBatch(makeSession(), makeConversation('s-1')));
    const hits = store.searchMessages('cookie', 10);
    expect(hits.map((h) => h.messageId).sort()).toEqual(['m2', 'm4']);
    const answer = hits.find((h) => h.messageId === 'm4');
    expect(answer).toMatchObject({ sessionId: 's-1', order: 3, role: 'assistant', sessionTitle: 'Fix the flaky login test', projectName: 'api' });
    expect(answer?.snippet).toContain('[cookie]');
    expect(store.searchMessages('cookie jar', 10).map((h) => h.messageId)).toEqual(['m4']);
    expect(store.searchMessages('isolat*', 10).map((h) => h.messageId)).toEqual(['m4']);
    expect(store.searchMessages('cookie', 1)).toHaveLength(1);
    expect(store.searchMessages('absent-word', 10)).toEqual([]);
    store.close();
  });

  it('treats operators and quotes as plain text instead of failing', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    store.writeBatch(makeBatch(makeSession(), [makeMessage('s-1', 'q', 0, { text: 'use NOT "quoted" (x) AND y-z' })]));
    for (const q of ['NOT', '"quoted"', '(x)', 'y-z', 'AND', 'quoted" OR']) {
      expect(() => store.searchMessages(q, 5)).not.toThrow();
    }
    expect(store.searchMessages('y-z', 5).map((h) => h.messageId)).toEqual(['q']);
    expect(store.searchMessages('   ', 5)).toEqual([]);
    expect(toFtsQuery('a "b" c*')).toBe('"a" """b""" "c"*');
    store.close();
  });

  it('an updated message is found by its new text and no longer by its old one', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    const first = makeMessage('s-1', 'a1', 0, { role: 'assistant', kind: 'assistant', text: 'partial zebra answer' });
    store.writeBatch(makeBatch(makeSession(), [first]));
    expect(store.searchMessages('zebra', 5)).toHaveLength(1);
    store.writeBatch(makeBatch(makeSession(), [{ ...first, text: 'complete giraffe answer', thinking: 'ponder okapi' }]));
    expect(store.searchMessages('zebra', 5)).toEqual([]);
    expect(store.searchMessages('giraffe', 5).map((h) => h.messageId)).toEqual(['a1']);
    expect(store.searchMessages('okapi', 5).map((h) => h.messageId)).toEqual(['a1']);
    store.close();
    expect(() => execSql(tmp.file, "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });

  it('keeps the index right when a session is deleted by SQL with foreign keys off (the sqlite3 shell default)', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    store.writeBatch(makeBatch(makeSession(), makeConversation('s-1')));
    const shell = new DatabaseSync(tmp.file, { enableForeignKeyConstraints: false });
    shell.exec("DELETE FROM sessions WHERE id = 's-1'");
    shell.close();
    expect(store.searchMessages('cookie', 5)).toEqual([]);
    expect(store.counts()).toMatchObject({ messages: 0, toolCalls: 0 });
    store.close();
    expect(() => execSql(tmp.file, "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });
  it('keeps the hits of one project (by name or path) when asked, and says which hits are in subagent sessions', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    const api = makeSession({ id: 's-api' });
    const web = makeSession({ id: 's-web', projectId: 'p-web', projectName: 'web', projectPath: '/home/dev/work/web', title: 'Web work' });
    const agent = makeSession({ id: 's-agent', kind: 'subagent', parentSessionId: 's-api', agentId: 'a1', title: 'Explore' });
    store.writeBatch(makeBatch(api, [makeMessage('s-api', 'm1', 0, { text: 'the walrus in api' })]));
    store.writeBatch(makeBatch(web, [makeMessage('s-web', 'm1', 0, { text: 'the walrus in web' })]));
    store.writeBatch(makeBatch(agent, [makeMessage('s-agent', 'm1', 0, { text: 'a walrus found by the agent' })]));
    const sessions = (project?: string) => store.searchMessages('walrus', 10, { project }).map((h) => h.sessionId).sort();
    expect(sessions()).toEqual(['s-agent', 's-api', 's-web']);
    expect(sessions('web')).toEqual(['s-web']);
    expect(sessions('/home/dev/work/api')).toEqual(['s-agent', 's-api']);
    expect(sessions('/home/dev')).toEqual(['s-agent', 's-api', 's-web']);
    expect(sessions('nope')).toEqual([]);
    const kinds = Object.fromEntries(store.searchMessages('walrus', 10).map((h) => [h.sessionId, h.sessionKind]));
    expect(kinds).toEqual({ 's-api': 'main', 's-web': 'main', 's-agent': 'subagent' });
    store.close();
  });
});
