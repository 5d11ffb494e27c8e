import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import { makeBatch, makeMessage, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, cacheCreationTokens: 0, cacheReadTokens: 0 });

/** Three sessions of two projects over two weeks, one with a subagent transcript, with round numbers to add by hand. */
function fill(store: SqliteStore): void {
  const web = { projectId: 'p-web', projectName: 'web', projectPath: '/home/dev/work/web' };
  const sessions = [
    makeSession({ id: 'a', startedAt: '2026-03-02T09:00:00.000Z', character: 'bug_hunt', messageCount: 10, humanPromptCount: 2, toolCallCount: 8, toolErrorCount: 2, usage: usage(100, 10), usageByModel: { sonnet: usage(100, 10) }, costUsd: 1.5, unpricedModels: [] }),
    makeSession({ id: 'a:agent-x', kind: 'subagent', parentSessionId: 'a', agentId: 'x', startedAt: '2026-03-02T09:05:00.000Z', character: 'exploration', messageCount: 4, humanPromptCount: 0, toolCallCount: 2, toolErrorCount: 0, usage: usage(50, 5), usageByModel: { haiku: usage(50, 5) }, costUsd: 0.25, unpricedModels: [] }),
    makeSession({ id: 'b', startedAt: '2026-03-08T23:59:00.000Z', character: 'bug_hunt', messageCount: 6, humanPromptCount: 1, toolCallCount: 0, toolErrorCount: 0, usage: usage(30, 3), usageByModel: { sonnet: usage(30, 3) }, costUsd: 0.5, unpricedModels: [] }),
    makeSession({ ...web, id: 'c', startedAt: '2026-03-09T00:00:00.000Z', character: null, messageCount: 2, humanPromptCount: 1, toolCallCount: 1, toolErrorCount: 1, usage: usage(7, 1), usageByModel: { sonnet: usage(5, 1), mystery: usage(2, 0) }, costUsd: 0.125, unpricedModels: ['mystery'] }),
  ];
  for (const s of sessions) store.writeBatch(makeBatch(s, [makeMessage(s.id, 'm1', 0)]));
}

describe('stats', () => {
  it('adds up every transcript once and splits by project, character, model and week', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    fill(store);
    expect(store.stats()).toEqual({
      sessions: 3,
      childSessions: 1,
      messages: 22,
      humanPrompts: 4,
      toolCalls: 11,
      toolErrors: 3,
      usage: usage(187, 19),
      costUsd: 2.375,
      unpricedSessions: 1,
      firstStartedAt: '2026-03-02T09:00:00.000Z',
      lastStartedAt: '2026-03-09T00:00:00.000Z',
      byProject: [
        { projectId: 'p-1111222233334444', projectName: 'api', sessions: 2, messages: 20, costUsd: 2.25 },
        { projectId: 'p-web', projectName: 'web', sessions: 1, messages: 2, costUsd: 0.125 },
      ],
      // Top-level sessions only: the subagent's character does not count.
      byCharacter: [
        { character: 'bug_hunt', sessions: 2 },
        { character: null, sessions: 1 },
      ],
      byModel: [
        { model: 'sonnet', usage: usage(135, 14), transcripts: 3 },
        { model: 'haiku', usage: usage(50, 5), transcripts: 1 },
        { model: 'mystery', usage: usage(2, 0), transcripts: 1 },
      ],
      // 2026-03-02 and 03-09 are Mondays: Sunday 23:59 is the week before, Monday 00:00 the next.
      byWeek: [
        { weekOf: '2026-03-02', sessions: 2, messages: 20, costUsd: 2.25 },
        { weekOf: '2026-03-09', sessions: 1, messages: 2, costUsd: 0.125 },
      ],
    });
    store.close();
  });

  it('keeps one project (by name or path) and the sessions started since a time', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    fill(store);
    expect(store.stats({ project: '/home/dev/work/web' })).toMatchObject({ sessions: 1, childSessions: 0, messages: 2, byProject: [{ projectName: 'web' }] });
    expect(store.stats({ project: 'api', since: '2026-03-02T09:01:00.000Z' })).toMatchObject({ sessions: 1, childSessions: 1, messages: 10, costUsd: 0.75 });
    expect(store.stats({ since: '2026-04-01T00:00:00.000Z' })).toMatchObject({ sessions: 0, childSessions: 0, costUsd: 0, byProject: [], byWeek: [], firstStartedAt: null });
    expect(store.stats({ project: 'nope' })).toMatchObject({ sessions: 0, byModel: [] });
    store.close();
  });
});
