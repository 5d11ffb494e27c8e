import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import type { MessageRecord, SessionRecord } from '../../../src/records/types.js';
import { dumpTables, execSql, querySql } from './db-dump.js';
import { DEVICE_A, DEVICE_B, makeBatch, makeConversation, makeMessage, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

function withStore<T>(file: string, fn: (store: SqliteStore) => T): T {
  const store = SqliteStore.open(file);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

describe('SqliteStore writes', () => {
  it('writing the same batches twice leaves every table identical, full-text shadow tables included', () => {
    using tmp = tempDb();
    const main = makeSession();
    const child = makeSession({ id: 's-1:agent-a1', kind: 'subagent', parentSessionId: 's-1', agentId: 'a1', agentType: 'Explore' });
    const batches = [makeBatch(main, makeConversation('s-1')), makeBatch(child, makeConversation(child.id, 'c'))];
    withStore(tmp.file, (store) => batches.forEach((b) => store.writeBatch(b)));
    const before = dumpTables(tmp.file);
    const changed = withStore(tmp.file, (store) => batches.map((b) => store.writeBatch(b)));
    expect(changed).toEqual([0, 0]);
    expect(dumpTables(tmp.file)).toEqual(before);
    expect(before['messages']).toHaveLength(8);
    expect(() => execSql(tmp.file, "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });

  it('small increments store the same rows as one batch of the final data', () => {
    using whole = tempDb();
    using parts = tempDb();
    const messages = makeConversation('s-1');
    const final = makeSession();
    withStore(whole.file, (store) => store.writeBatch(makeBatch(final, messages)));
    withStore(parts.file, (store) => {
      // Earlier increments carry an older session summary and a shorter first version of a message.
      const early = makeSession({ endedAt: '2026-03-01T10:05:00.000Z', messageCount: 2, title: 'early title' });
      const partialAnswer = { ...messages[1]!, text: 'Let me', toolCalls: [] };
      store.writeBatch(makeBatch(early, [messages[0]!, partialAnswer]));
      store.writeBatch(makeBatch(final, [messages[1]!, messages[2]!]));
      store.writeBatch(makeBatch(final, [messages[3]!]));
    });
    // updated_at says when a row last changed, so it is the one column that differs; the FTS
    // shadow tables hold the same terms in different segment layouts, compared through queries below.
    const options = { omit: { sessions: ['updated_at'] }, skipTables: /^messages_fts/ };
    expect(dumpTables(parts.file, options)).toEqual(dumpTables(whole.file, options));
    const hits = (file: string, q: string) => withStore(file, (s) => s.searchMessages(q, 10).map((h) => h.messageId));
    for (const q of ['suite', 'cookie', 'Let']) expect(hits(parts.file, q)).toEqual(hits(whole.file, q));
  });

  it('never writes custom_title: a title set by SQL survives re-syncs, and a record value is not stored', () => {
    using tmp = tempDb();
    const session = makeSession({ customTitle: 'sync must not store this' });
    withStore(tmp.file, (store) => store.writeBatch(makeBatch(session, makeConversation('s-1'))));
    expect(querySql(tmp.file, 'SELECT custom_title FROM sessions')).toEqual([{ custom_title: null }]);
    execSql(tmp.file, "UPDATE sessions SET custom_title = 'My own title' WHERE id = 's-1'");
    const grown = makeSession({ title: 'A newer generated title', messageCount: 5, customTitle: null });
    withStore(tmp.file, (store) => {
      store.writeBatch(makeBatch(grown, [makeMessage('s-1', 'm5', 4, { text: 'thanks' })]));
      const stored = store.getSession('s-1');
      expect(stored?.customTitle).toBe('My own title');
      expect(stored?.title).toBe('A newer generated title');
      expect(stored?.messageCount).toBe(5);
    });
  });

  it('a project never moves last_activity backwards; name and path follow the most recent activity', () => {
    using tmp = tempDb();
    const at = (endedAt: string, id: string, name: string) =>
      makeBatch(makeSession({ id, endedAt, projectName: name, projectPath: `/home/dev/${name}` }), []);
    const activity = () => querySql(tmp.file, 'SELECT name, path, last_activity FROM projects');
    withStore(tmp.file, (store) => {
      store.writeBatch(at('2026-03-05T00:00:00.000Z', 's-new', 'renamed'));
      store.writeBatch(at('2026-03-01T00:00:00.000Z', 's-old', 'original'));
      expect(activity()).toEqual([{ name: 'renamed', path: '/home/dev/renamed', last_activity: '2026-03-05T00:00:00.000Z' }]);
      store.writeBatch(makeBatch(makeSession({ id: 's-none', endedAt: null, startedAt: null }), [], { lastActivity: null }));
      expect(activity()[0]?.['last_activity']).toBe('2026-03-05T00:00:00.000Z');
      store.writeBatch(at('2026-03-09T00:00:00.000Z', 's-newest', 'latest'));
      expect(activity()).toEqual([{ name: 'latest', path: '/home/dev/latest', last_activity: '2026-03-09T00:00:00.000Z' }]);
    });
  });

  it('merges the devices of a project from two machines instead of replacing them', () => {
    using tmp = tempDb();
    withStore(tmp.file, (store) => {
      const fromA = makeSession({ id: 's-a', device: DEVICE_A, startedAt: '2026-03-01T09:00:00.000Z', endedAt: '2026-03-01T10:00:00.000Z' });
      const fromB = makeSession({ id: 's-b', device: DEVICE_B, startedAt: '2026-03-02T09:00:00.000Z', endedAt: '2026-03-02T10:00:00.000Z' });
      const laterA = makeSession({ id: 's-a2', device: DEVICE_A, startedAt: '2026-03-03T09:00:00.000Z', endedAt: '2026-03-03T11:00:00.000Z' });
      store.writeBatch(makeBatch(fromA, []));
      store.writeBatch(makeBatch(fromB, []));
      store.writeBatch(makeBatch(laterA, []));
      store.writeBatch(makeBatch(fromA, [])); // re-sent old batch: changes nothing
      const [project] = store.projectSummaries();
      expect(project?.devices).toEqual([
        { id: 'dev-a', hostname: 'laptop', platform: 'linux', firstSeen: '2026-03-01T09:00:00.000Z', lastSeen: '2026-03-03T11:00:00.000Z' },
        { id: 'dev-b', hostname: 'desktop', platform: 'darwin', firstSeen: '2026-03-02T09:00:00.000Z', lastSeen: '2026-03-02T10:00:00.000Z' },
      ]);
      // A device known only by id (listed in the project record) is merged without details.
      store.writeBatch(makeBatch(makeSession({ id: 's-c' }), [], { devices: ['dev-a', 'dev-c'] }));
      expect(store.projectSummaries()[0]?.devices.map((d) => [d.id, d.hostname])).toEqual([
        ['dev-a', 'laptop'],
        ['dev-b', 'desktop'],
        ['dev-c', null],
      ]);
    });
  });

  it('keeps the messages of a resumed session apart from the session whose uuids it repeats', () => {
    using tmp = tempDb();
    withStore(tmp.file, (store) => {
      const original = makeConversation('s-orig');
      const resumed = makeConversation('s-resumed').map((m) => ({ ...m, text: `${m.text} (replayed)` }));
      store.writeBatch(makeBatch(makeSession({ id: 's-orig' }), original));
      store.writeBatch(makeBatch(makeSession({ id: 's-resumed' }), resumed));
      expect(store.counts().messages).toBe(8);
      expect(store.listMessages('s-orig')).toEqual(original);
      expect(store.listMessages('s-resumed')).toEqual(resumed);
      expect(new Set(store.listMessages('s-orig').map((m) => m.id))).toEqual(new Set(resumed.map((m) => m.id)));
      expect(store.searchMessages('replayed', 10).map((h) => h.sessionId)).toEqual(['s-resumed', 's-resumed', 's-resumed', 's-resumed']);
    });
  });

  it('a message repeated within a batch is stored once, at its first place, with its last values', () => {
    using once = tempDb();
    using twice = tempDb();
    const [prompt, answer, result, reply] = makeConversation('s-1') as [MessageRecord, MessageRecord, MessageRecord, MessageRecord];
    // A resumed session replays the answer later in the same transcript, here with another order and tool call.
    const replayed = { ...answer, order: 9, text: 'replayed answer', toolCalls: [{ id: 'm-tu9', name: 'Grep', input: '{}' }] };
    withStore(once.file, (store) => {
      store.writeBatch(makeBatch(makeSession(), [prompt, answer, result, replayed, reply]));
      // Written as an UPDATE in mid-batch, the repeat would have split the batch's index entries into two segments.
      expect(querySql(once.file, 'SELECT DISTINCT segid FROM messages_fts_idx')).toHaveLength(1);
    });
    // The same records upserted one after another, each in its own transaction.
    const oneByOne = [prompt, answer, result, replayed, reply];
    withStore(twice.file, (store) => oneByOne.forEach((m) => store.writeBatch(makeBatch(makeSession(), [m]))));
    const options = { omit: { sessions: ['updated_at'] }, skipTables: /^messages_fts/ };
    expect(dumpTables(once.file, options)).toEqual(dumpTables(twice.file, options));
    withStore(once.file, (store) => {
      expect(store.listMessages('s-1').map((m) => [m.id, m.text])).toEqual([
        [prompt.id, prompt.text],
        [result.id, result.text],
        [reply.id, reply.text],
        [answer.id, 'replayed answer'],
      ]);
      expect(store.searchMessages('replayed', 10).map((h) => h.messageId)).toEqual([answer.id]);
      expect(store.counts().toolCalls).toBe(1);
    });
    expect(() => execSql(once.file, "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });

  it('keeps tool_uses and tool_results in step with the messages, and the tool_calls view joins them', () => {
    using tmp = tempDb();
    withStore(tmp.file, (store) => {
      const messages = makeConversation('s-1');
      store.writeBatch(makeBatch(makeSession(), messages));
      expect(querySql(tmp.file, 'SELECT session_id, message_id, tool_use_id, name, is_error FROM tool_calls')).toEqual([
        { session_id: 's-1', message_id: 'm2', tool_use_id: 'm-tu1', name: 'Bash', is_error: 1 },
      ]);
      // The assistant message is re-emitted with one more tool call, the result now succeeded.
      const grown = {
        ...messages[1]!,
        toolCalls: [...messages[1]!.toolCalls, { id: 'm-tu2', name: 'Read', input: '{"file_path":"a.ts"}' }],
      };
      const retried = { ...messages[2]!, toolResults: [{ toolUseId: 'm-tu1', isError: false, content: 'ok' }] };
      store.writeBatch(makeBatch(makeSession(), [grown, retried]));
      expect(querySql(tmp.file, 'SELECT tool_use_id, name, is_error FROM tool_calls ORDER BY tool_use_id')).toEqual([
        { tool_use_id: 'm-tu1', name: 'Bash', is_error: 0 },
        { tool_use_id: 'm-tu2', name: 'Read', is_error: null },
      ]);
      expect(store.counts().toolCalls).toBe(2);
    });
  });

  it('a batch is one transaction: a failure rolls back its messages and session', () => {
    using tmp = tempDb();
    withStore(tmp.file, (store) => {
      store.writeBatch(makeBatch(makeSession({ id: 's-ok' }), makeConversation('s-ok')));
      // The session row comes after the messages and breaks a CHECK constraint: its messages must go too.
      const invalid = { ...makeSession({ id: 's-bad' }), kind: 'not-a-kind' } as unknown as SessionRecord;
      const bad = makeBatch(invalid, makeConversation('s-bad'));
      expect(() => store.writeBatch(bad)).toThrow(/CHECK constraint failed/);
      expect(store.getSession('s-bad')).toBeNull();
      expect(store.listMessages('s-bad')).toEqual([]);
      expect(store.counts()).toMatchObject({ sessions: 1, messages: 4 });
      // The connection is usable afterwards.
      store.writeBatch(makeBatch(makeSession({ id: 's-bad' }), makeConversation('s-bad')));
      expect(store.counts()).toMatchObject({ sessions: 2, messages: 8 });
    });
  });

  it('indexes exactly the committed messages of a staged window, across a rolled-back batch and a replaced session', () => {
    using tmp = tempDb();
    const word = (id: string) => `zz${id.replaceAll('-', '')}`;
    const conversation = (sessionId: string, prefix: string) =>
      [1, 2, 3].map((n) => makeMessage(sessionId, `${prefix}${n}`, n, { text: `about ${word(`${prefix}${n}`)}` }));
    withStore(tmp.file, (store) => {
      store.writeBatch(makeBatch(makeSession({ id: 's-old' }), conversation('s-old', 'old')));
      store.stageBatch(makeBatch(makeSession({ id: 's-a' }), conversation('s-a', 'a')));
      // Fails after its messages are in (the session row breaks a CHECK): rolls back to its savepoint alone,
      // including the index entries of s-a that its replace added first.
      const invalid = { ...makeSession({ id: 's-bad' }), kind: 'not-a-kind' } as unknown as SessionRecord;
      expect(() => store.stageBatch({ ...makeBatch(invalid, conversation('s-bad', 'bad')), replace: true })).toThrow(/CHECK constraint failed/);
      store.stageBatch(makeBatch(makeSession({ id: 's-b' }), conversation('s-b', 'b')));
      // A rewritten transcript replaces a session written in this window and one committed before it.
      store.stageBatch({ ...makeBatch(makeSession({ id: 's-a' }), conversation('s-a', 'a2')), replace: true });
      store.stageBatch({ ...makeBatch(makeSession({ id: 's-old' }), conversation('s-old', 'old2')), replace: true });
      store.stageBatch(makeBatch(makeSession({ id: 's-c' }), conversation('s-c', 'c')));
      // A message sent again with new text goes through UPDATE and its trigger re-indexes it.
      store.stageBatch(makeBatch(makeSession({ id: 's-c' }), [makeMessage('s-c', 'c1', 1, { text: `about ${word('c1x')}` })]));
      store.commitStaged();
      const found = (id: string) => store.searchMessages(word(id)).map((hit) => hit.messageId);
      for (const id of ['a21', 'a23', 'b1', 'b3', 'old21', 'c2', 'c1x']) expect(found(id), id).toEqual([id === 'c1x' ? 'c1' : id]);
      for (const id of ['a1', 'bad1', 'old1', 'c1']) expect(found(id), id).toEqual([]);
      // Then a window that is discarded leaves nothing in the index either.
      store.stageBatch(makeBatch(makeSession({ id: 's-d' }), conversation('s-d', 'd')));
      store.discardStaged();
      store.writeBatch(makeBatch(makeSession({ id: 's-e' }), conversation('s-e', 'e')));
      expect(found('d1')).toEqual([]);
      expect(found('e2')).toEqual(['e2']);
      expect(store.counts().messages).toBe(15);
    });
    expect(() => execSql(tmp.file, "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });
});
