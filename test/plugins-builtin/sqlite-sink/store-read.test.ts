import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import type { SessionRecord } from '../../../src/records/types.js';
import { dumpTables, execSql } from './db-dump.js';
import { DEVICE_B, makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

/** Three projects; `web` has a subagent child and a session without a start time. */
function seed(store: SqliteStore): SessionRecord[] {
  const api = { projectId: 'p-api', projectName: 'api', projectPath: '/home/dev/work/api' };
  const web = { projectId: 'p-web', projectName: 'Web-Front', projectPath: '/home/dev/work/web' };
  const other = { projectId: 'p-oth', projectName: 'workshop', projectPath: '/home/dev/workshop' };
  const sessions = [
    makeSession({ ...api, id: 'api-1', startedAt: '2026-03-01T10:00:00.000Z', endedAt: '2026-03-01T11:00:00.000Z' }),
    makeSession({ ...api, id: 'api-2', startedAt: '2026-03-04T10:00:00.000Z', endedAt: '2026-03-04T11:00:00.000Z', device: DEVICE_B }),
    makeSession({ ...web, id: 'web-1', startedAt: '2026-03-03T10:00:00.000Z', endedAt: '2026-03-03T11:00:00.000Z' }),
    makeSession({
      ...web,
      id: 'web-1:agent-x',
      kind: 'subagent',
      parentSessionId: 'web-1',
      agentId: 'x',
      agentType: 'Explore',
      startedAt: '2026-03-03T10:10:00.000Z',
      endedAt: '2026-03-03T10:20:00.000Z',
      title: null,
      titleSource: null,
      character: null,
      characterSignals: null,
      costUsd: null,
      gitBranch: null,
      claudeVersion: null,
      models: [],
      usageByModel: {},
      unpricedModels: [],
    }),
    makeSession({ ...web, id: 'web-2', startedAt: null, endedAt: null }),
    makeSession({ ...other, id: 'oth-1', startedAt: '2026-03-02T10:00:00.000Z', endedAt: '2026-03-02T11:00:00.000Z' }),
  ];
  for (const s of sessions) store.writeBatch(makeBatch(s, makeConversation(s.id)));
  return sessions;
}

const ids = (sessions: SessionRecord[]) => sessions.map((s) => s.id);

describe('SqliteStore reads', () => {
  it('listSessions returns exactly what was written (customTitle from its column), newest first, children only on request', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    const written = seed(store);
    const byId = new Map(written.map((s) => [s.id, s]));
    const listed = store.listSessions();
    expect(ids(listed)).toEqual(['api-2', 'web-1', 'oth-1', 'api-1', 'web-2']);
    for (const s of listed) expect(s).toEqual(byId.get(s.id));
    const all = store.listSessions({ includeChildren: true });
    expect(ids(all)).toEqual(['api-2', 'web-1:agent-x', 'web-1', 'oth-1', 'api-1', 'web-2']);
    expect(all.find((s) => s.id === 'web-1:agent-x')).toEqual(byId.get('web-1:agent-x'));
    expect(store.getSession('web-1:agent-x')?.parentSessionId).toBe('web-1');
    expect(store.getSession('nope')).toBeNull();
    store.close();
  });

  it('listSessions filters by project name or path, case-insensitively, or by a directory above the path', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    seed(store);
    expect(ids(store.listSessions({ project: 'web-front' }))).toEqual(['web-1', 'web-2']);
    expect(ids(store.listSessions({ project: 'WEB-FRONT', includeChildren: true }))).toEqual(['web-1:agent-x', 'web-1', 'web-2']);
    expect(ids(store.listSessions({ project: '/home/dev/work/API' }))).toEqual(['api-2', 'api-1']);
    expect(ids(store.listSessions({ project: '/home/dev/work/api/' }))).toEqual(['api-2', 'api-1']);
    expect(ids(store.listSessions({ project: '/home/dev/work' }))).toEqual(['api-2', 'web-1', 'api-1', 'web-2']);
    // A prefix must end on a directory boundary: /home/dev/work is not above /home/dev/workshop.
    expect(ids(store.listSessions({ project: '/home/dev/wor' }))).toEqual([]);
    expect(ids(store.listSessions({ project: 'workshop' }))).toEqual(['oth-1']);
    expect(ids(store.listSessions({ project: 'nothing' }))).toEqual([]);
    expect(ids(store.listSessions({ project: null }))).toHaveLength(5);
    store.close();
  });

  it('listSessions keeps the sessions started at or after `since` (one without a start time never is)', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    seed(store);
    expect(ids(store.listSessions({ since: '2026-03-02T10:00:00.000Z' }))).toEqual(['api-2', 'web-1', 'oth-1']);
    expect(ids(store.listSessions({ since: '2026-03-02T10:00:00.001Z', includeChildren: true }))).toEqual(['api-2', 'web-1:agent-x', 'web-1']);
    expect(ids(store.listSessions({ since: '2026-03-02T00:00:00.000Z', project: 'web-front' }))).toEqual(['web-1']);
    expect(ids(store.listSessions({ since: '2027-01-01T00:00:00.000Z' }))).toEqual([]);
    store.close();
  });

  it('finds a project by the path it had on another device', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    const common = { projectId: 'p-git', projectName: 'api' };
    store.writeBatch(makeBatch(makeSession({ ...common, id: 'a', projectPath: '/old/mac/api', startedAt: '2026-03-01T00:00:00.000Z', endedAt: '2026-03-01T01:00:00.000Z' }), []));
    store.writeBatch(makeBatch(makeSession({ ...common, id: 'b', projectPath: '/home/dev/api', startedAt: '2026-03-02T00:00:00.000Z', endedAt: '2026-03-02T01:00:00.000Z' }), []));
    expect(store.projectSummaries().map((p) => p.path)).toEqual(['/home/dev/api']);
    expect(ids(store.listSessions({ project: '/old/mac/api' }))).toEqual(['b', 'a']);
    store.close();
  });

  it('updateTitles changes only title, title_source, character and character_signals', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    seed(store);
    store.close();
    execSql(tmp.file, "UPDATE sessions SET custom_title = 'kept' WHERE id = 'api-1'");
    const before = dumpTables(tmp.file, { omit: { sessions: ['title', 'title_source', 'character', 'character_signals'] } });
    const writer = SqliteStore.open(tmp.file);
    const changed = writer.updateTitles([
      { id: 'api-1', title: 'Regenerated', titleSource: 'ai-title', character: 'refactor', characterSignals: { rule: 'renames', renames: 7 } },
      { id: 'web-1:agent-x', title: 'Child title', titleSource: 'fallback', character: null, characterSignals: null },
      { id: 'missing', title: 'x', titleSource: 'prompt', character: null, characterSignals: null },
    ]);
    writer.close();
    expect(changed).toBe(2);
    expect(dumpTables(tmp.file, { omit: { sessions: ['title', 'title_source', 'character', 'character_signals'] } })).toEqual(before);
    const reader = SqliteStore.open(tmp.file, { readonly: true });
    expect(reader.getSession('api-1')).toMatchObject({
      title: 'Regenerated',
      titleSource: 'ai-title',
      customTitle: 'kept',
      character: 'refactor',
      characterSignals: { rule: 'renames', renames: 7 },
    });
    expect(reader.getSession('web-1:agent-x')).toMatchObject({ title: 'Child title', titleSource: 'fallback', character: null });
    expect(reader.getSession('api-2')?.title).toBe('Fix the flaky login test');
    reader.close();
  });

  it('summarises projects with devices, main-session and message totals, most recently active first', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    seed(store);
    const summaries = store.projectSummaries();
    expect(summaries.map((p) => [p.id, p.name, p.sessions, p.messages, p.lastActivity])).toEqual([
      ['p-api', 'api', 2, 8, '2026-03-04T11:00:00.000Z'],
      ['p-web', 'Web-Front', 2, 12, '2026-03-03T11:00:00.000Z'],
      ['p-oth', 'workshop', 1, 4, '2026-03-02T11:00:00.000Z'],
    ]);
    expect(summaries[0]).toMatchObject({ path: '/home/dev/work/api', gitRemoteUrl: 'github.com/acme/api', idSource: 'git-remote' });
    expect(summaries[0]?.devices.map((d) => d.id)).toEqual(['dev-a', 'dev-b']);
    expect(store.counts()).toEqual({ projects: 3, sessions: 5, childSessions: 1, messages: 24, toolCalls: 6 });
    store.close();
  });

  it('reports a row edited into an invalid shape by naming the session and column, not the value', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    seed(store);
    execSql(tmp.file, "UPDATE sessions SET digest = 'secret-token-123' WHERE id = 'api-1'");
    expect(() => store.listSessions()).toThrow(/session api-1 does not match the schema: digest is not valid JSON/);
    try {
      store.getSession('api-1');
    } catch (error) {
      expect(String(error)).not.toContain('secret-token-123');
    }
    store.close();
  });
});
