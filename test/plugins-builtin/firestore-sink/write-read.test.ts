/** The sink against a real emulator: layout, commit marker, growth, user fields, titles, listing. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/records/types.js';
import { acquireEmulator } from '../../helpers/firestore-emulator.js';
import { DEVICE_A, makeBatch, makeMessage, makeSession } from './fixtures.js';
import { recordingLogger, TestProject } from './harness.js';

let emulator: { host: string; release: () => Promise<void> };
let project: TestProject;

beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});
beforeEach(() => {
  project = new TestProject(emulator.host, 'write-read');
});
afterEach(async () => {
  await project.dispose();
});

describe('firestore sink: write', () => {
  it('stores messages under their session, then the session and the project', async () => {
    const sink = project.sink();
    await sink.open();
    const batch = makeBatch({ messages: 3 });
    await sink.write(batch);
    await sink.flush();

    expect(await project.count('sessions/s-1/messages')).toBe(3);
    const message = await project.data(`sessions/s-1/messages/${batch.messages[1]?.id}`);
    expect(message).toMatchObject({ ...batch.messages[1], schemaVersion: SCHEMA_VERSION });

    const session = await project.data('sessions/s-1');
    const { customTitle: _notWritten, ...owned } = batch.session;
    expect(session).toMatchObject({ ...owned, deviceId: DEVICE_A.id, lastActivityMs: Date.parse('2026-03-01T10:30:00.000Z') });
    expect(session).not.toHaveProperty('customTitle');
    expect(session?.syncedAt).toBeDefined();

    const projectDoc = await project.data(`projects/${batch.project.id}`);
    expect(projectDoc).toMatchObject({
      id: batch.project.id,
      name: 'api',
      gitRemoteUrl: 'https://github.com/acme/api',
      idSource: 'git-remote',
      devices: [DEVICE_A.id],
      paths: { [DEVICE_A.id]: '/home/dev/work/api' },
      deviceInfo: { [DEVICE_A.id]: { hostname: 'laptop', platform: 'linux' } },
      sessionCount: 1,
      deviceSessionCounts: { [DEVICE_A.id]: 1 },
      lastActivityMs: Date.parse('2026-03-01T10:30:00.000Z'),
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it('updates a grown session (counts, usage, endedAt, new messages) and counts it once', async () => {
    const first = project.sink();
    await first.write(makeBatch({ messages: 2 }));
    await first.flush();
    await first.close();

    // A later run: a new sink instance, as the next `sync` would create.
    const second = project.sink();
    const grown = makeBatch({
      from: 2,
      messages: 2,
      session: { messageCount: 4, assistantMessageCount: 2, endedAt: '2026-03-01T11:00:00.000Z', usage: { inputTokens: 200, outputTokens: 500, cacheCreationTokens: 5000, cacheReadTokens: 50000 } },
      project: { lastActivity: '2026-03-01T11:00:00.000Z' },
    });
    await second.write(grown);
    await second.flush();

    expect(await project.count('sessions/s-1/messages')).toBe(4);
    expect(await project.data('sessions/s-1')).toMatchObject({
      messageCount: 4,
      assistantMessageCount: 2,
      endedAt: '2026-03-01T11:00:00.000Z',
      usage: { inputTokens: 200, outputTokens: 500 },
    });
    expect(await project.data(`projects/${grown.project.id}`)).toMatchObject({
      sessionCount: 1,
      lastActivityMs: Date.parse('2026-03-01T11:00:00.000Z'),
    });
  });

  it('a continuation whose session was never stored here (sink added later) still creates it and counts it once', async () => {
    const sink = project.sink();
    await sink.write(makeBatch({ from: 40, messages: 2, session: { messageCount: 42 } }));
    await sink.flush();
    await sink.write(makeBatch({ from: 42, messages: 2, session: { messageCount: 44 } }));
    await sink.flush();
    expect(await project.count('sessions/s-1/messages')).toBe(4);
    expect((await project.data('sessions/s-1'))?.messageCount).toBe(44);
    expect((await project.data('projects/a1b2c3d4e5f60718'))?.sessionCount).toBe(1);
  });

  it('re-sending the same batch creates no duplicates and counts nothing twice', async () => {
    const batch = makeBatch({ messages: 5 });
    for (const run of [project.sink(), project.sink()]) {
      await run.write(batch);
      await run.flush();
    }
    expect(await project.count('sessions/s-1/messages')).toBe(5);
    expect(await project.count('sessions')).toBe(1);
    expect((await project.data(`projects/${batch.project.id}`))?.sessionCount).toBe(1);
  });

  it('keeps customTitle and other user-set fields, and replaces sync-owned maps whole', async () => {
    const sink = project.sink();
    await sink.write(makeBatch());
    await sink.flush();
    await project.reader.db.doc('sessions/s-1').update({ customTitle: 'My title', tags: ['keep'], starred: true });
    await sink.write(
      makeBatch({ session: { title: 'New heuristic title', characterSignals: { rule: 'other-rule', edits: 2 }, customTitle: 'ignored from sync' } }),
    );
    await sink.flush();
    const doc = await project.data('sessions/s-1');
    expect(doc).toMatchObject({ customTitle: 'My title', tags: ['keep'], starred: true, title: 'New heuristic title' });
    expect(doc?.characterSignals).toEqual({ rule: 'other-rule', edits: 2 });
  });

  it('never moves the project lastActivity backwards', async () => {
    const sink = project.sink();
    await sink.write(makeBatch({ session: { id: 'late', endedAt: '2026-05-01T00:00:00.000Z' }, project: { lastActivity: '2026-05-01T00:00:00.000Z' } }));
    await sink.flush();
    await sink.write(makeBatch({ session: { id: 'early', endedAt: '2026-01-01T00:00:00.000Z' }, project: { lastActivity: '2026-01-01T00:00:00.000Z' } }));
    await sink.flush();
    const doc = await project.data('projects/a1b2c3d4e5f60718');
    expect(doc?.lastActivityMs).toBe(Date.parse('2026-05-01T00:00:00.000Z'));
    expect(doc?.sessionCount).toBe(2);
  });

  it('keeps the messages of two sessions apart when a resumed session repeats uuids', async () => {
    const sink = project.sink();
    const original = makeBatch({ session: { id: 'first' }, messages: 3 });
    const resumed = makeBatch({ session: { id: 'resumed' }, messages: 3 });
    // Same uuids in both (what a resume replays); only the session differs.
    expect(resumed.messages.map((m) => m.id)).toEqual(original.messages.map((m) => m.id));
    await sink.write(original);
    await sink.flush();
    await sink.write({ ...resumed, messages: resumed.messages.map((m) => ({ ...m, text: `resumed: ${m.text}` })) });
    await sink.flush();
    const id = original.messages[0]?.id;
    expect((await project.data(`sessions/first/messages/${id}`))?.text).toBe('question 0');
    expect((await project.data(`sessions/resumed/messages/${id}`))?.text).toBe('resumed: question 0');
  });

  it('counts child sessions apart from top-level ones', async () => {
    const sink = project.sink();
    await sink.write(makeBatch());
    await sink.flush();
    await sink.write(makeBatch({ session: { id: 's-1:agent-a1', kind: 'subagent', parentSessionId: 's-1', agentId: 'a1', agentType: 'Explore' } }));
    await sink.flush();
    expect(await project.data('projects/a1b2c3d4e5f60718')).toMatchObject({ sessionCount: 1, childSessionCount: 1, deviceSessionCounts: { [DEVICE_A.id]: 1 } });
    expect((await project.data('sessions/s-1:agent-a1'))?.parentSessionId).toBe('s-1');
  });

  it('writes many messages in bounded batches, several in flight', async () => {
    const sink = project.sink({ maxBatchOps: 50, maxInFlight: 4 });
    await sink.write(makeBatch({ messages: 1234 }));
    await sink.flush();
    expect(await project.count('sessions/s-1/messages')).toBe(1234);
  });

  it('shortens a message that would exceed 1 MiB, code-point safe, with a visible marker', async () => {
    const sink = project.sink();
    const huge = '😀'.repeat(300_000) + 'x'.repeat(600_000);
    const batch = makeBatch({ messages: 0 });
    batch.messages = [makeMessage('s-1', 0, { text: huge, thinking: 'y'.repeat(500_000) })];
    await sink.write(batch);
    await sink.flush();
    const doc = await project.data(`sessions/s-1/messages/${batch.messages[0]?.id}`);
    const text = String(doc?.text);
    expect(text).toMatch(/… \[truncated \d+ chars\]$/);
    expect(text.startsWith('😀😀')).toBe(true);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(Buffer.byteLength(text) + Buffer.byteLength(String(doc?.thinking))).toBeLessThan(1_048_576);
  });

  it('writes a message re-emitted within one batch once, in its latest form', async () => {
    const batch = makeBatch({ messages: 2 });
    const grown = { ...(batch.messages[1] ?? makeMessage('s-1', 1)), text: 'answer 1, grown' };
    const sink = project.sink();
    await sink.write({ ...batch, messages: [...batch.messages, grown] });
    await sink.flush();
    expect(await project.count('sessions/s-1/messages')).toBe(2);
    expect((await project.data(`sessions/s-1/messages/${grown.id}`))?.text).toBe('answer 1, grown');
  });
});

describe('firestore sink: titles and listing', () => {
  it('updateTitles changes only title, titleSource, character and characterSignals', async () => {
    const sink = project.sink();
    await sink.write(makeBatch());
    await sink.flush();
    await project.reader.db.doc('sessions/s-1').update({ customTitle: 'Mine' });
    const before = await project.data('sessions/s-1');
    await sink.updateTitles([
      { id: 's-1', title: 'Regenerated', titleSource: 'fallback', character: 'refactor', characterSignals: { rule: 'renames', renames: 4 } },
      { id: 'deleted-meanwhile', title: 'x', titleSource: 'prompt', character: null, characterSignals: null },
    ]);
    const after = await project.data('sessions/s-1');
    expect(after).toEqual({ ...before, title: 'Regenerated', titleSource: 'fallback', character: 'refactor', characterSignals: { rule: 'renames', renames: 4 } });
    // A title update never brings a missing session back as a title-only document.
    expect(await project.data('sessions/deleted-meanwhile')).toBeUndefined();
  });

  it('listSessions returns stored sessions as SessionRecords, with the user title, filtered by project', async () => {
    const sink = project.sink();
    await sink.write(makeBatch({ session: { id: 'a' } }));
    await sink.flush();
    await sink.write(makeBatch({ session: { id: 'b', projectId: 'other', projectName: 'web', projectPath: '/home/dev/work/web' }, project: { id: 'other', name: 'web' } }));
    await sink.flush();
    await project.reader.db.doc('sessions/a').update({ customTitle: 'Named by me' });

    const all = [];
    for await (const s of sink.listSessions({ project: null })) all.push(s);
    expect(all.map((s) => s.id).sort()).toEqual(['a', 'b']);
    expect(all.find((s) => s.id === 'a')).toEqual(makeSession({ id: 'a', customTitle: 'Named by me' }));

    const web = [];
    for await (const s of sink.listSessions({ project: '/home/dev/work' })) web.push(s.id);
    expect(web.sort()).toEqual(['a', 'b']);
    const only = [];
    for await (const s of sink.listSessions({ project: 'WEB' })) only.push(s.id);
    expect(only).toEqual(['b']);
  });

  it('listSessions pages through many sessions and skips documents that do not validate, with a warning', async () => {
    const logger = recordingLogger();
    const sink = project.sink({}, { logger });
    const writes = [];
    for (let i = 0; i < 320; i += 1) writes.push(makeBatch({ session: { id: `s-${String(i).padStart(3, '0')}` }, messages: 0 }));
    for (const batch of writes) await sink.write(batch);
    await sink.flush();
    await project.reader.db.doc('sessions/broken').set({ id: 'broken', title: 42 });
    const ids = [];
    for await (const s of sink.listSessions({ project: null })) ids.push(s.id);
    expect(ids).toHaveLength(320);
    expect(new Set(ids).size).toBe(320);
    expect(logger.lines.some((l) => l.startsWith('warn:') && l.includes('skipped 1 session document'))).toBe(true);
  });
});
