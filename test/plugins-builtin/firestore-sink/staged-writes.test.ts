/**
 * Staged writes against the emulator: write() stages, flush() makes durable. Staging then flushing stores exactly
 * what flushing after every write stores; closing unflushed leaves no commit marker; with many commits in flight a
 * session document is never committed before all of its messages, even when a commit fails in between.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { messagePath } from '../../../plugins-builtin/firestore-sink/layout.js';
import { EXIT, SinkError } from '../../../src/errors.js';
import type { SessionBatch } from '../../../src/records/types.js';
import { makeBatch, makeMessage } from './fixtures.js';
import { type Reader, type TestProject, useEmulatorProjects } from './harness.js';

const { newProject } = useEmulatorProjects();

const grpcError = (code: number) => Object.assign(new Error(`${code} INJECTED: by the test`), { code });

/**
 * A history as a sync sends it: a long session in three increments (the third re-sends a message that grew),
 * many small sessions of two projects, and a subagent. `expected` is each session's final message count.
 */
function history(): { batches: SessionBatch[]; expected: Map<string, number> } {
  const batches: SessionBatch[] = [];
  const long = (from: number, messages: number, messageCount: number, endedAt: string) =>
    makeBatch({ session: { id: 'long', messageCount, endedAt }, project: { lastActivity: endedAt }, from, messages });
  batches.push(long(0, 40, 40, '2026-03-01T10:40:00.000Z'));
  for (let i = 0; i < 12; i += 1) {
    const other = i % 3 === 0;
    batches.push(
      makeBatch({
        session: { id: `small-${i}`, messageCount: 3, endedAt: `2026-03-0${1 + (i % 5)}T12:00:00.000Z`, ...(other ? { projectId: 'web', projectName: 'web' } : {}) },
        project: other ? { id: 'web', name: 'web', lastActivity: null } : { lastActivity: null },
        messages: 3,
      }),
    );
  }
  const second = long(40, 40, 80, '2026-03-01T11:20:00.000Z');
  second.messages.unshift(makeMessage('long', 39, { text: 'answer 39, grown' }));
  batches.push(second);
  batches.push(makeBatch({ session: { id: 'long:agent-a1', kind: 'subagent', parentSessionId: 'long', agentId: 'a1', agentType: 'Explore', messageCount: 5 }, messages: 5 }));
  batches.push(long(80, 20, 100, '2026-03-01T12:00:00.000Z'));
  const expected = new Map<string, number>([['long', 100], ['long:agent-a1', 5]]);
  for (let i = 0; i < 12; i += 1) expected.set(`small-${i}`, 3);
  return { batches, expected };
}

/** The message document paths of each session of a history. */
function messagePathsOf(batches: ReadonlyArray<SessionBatch>): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const batch of batches) {
    const list = paths.get(batch.session.id) ?? [];
    list.push(...batch.messages.map((m) => messagePath(batch.session.id, m.id)));
    paths.set(batch.session.id, list);
  }
  return paths;
}

/** Every document of a project, by path, without the server timestamps (they differ between two writes). */
async function everything(reader: Reader): Promise<Map<string, Record<string, unknown>>> {
  const docs = new Map<string, Record<string, unknown>>();
  for (const query of [reader.db.collection('projects'), reader.db.collection('sessions'), reader.db.collectionGroup('messages')]) {
    for (const doc of (await query.get()).docs) {
      const { syncedAt: _s, updatedAt: _u, ...data } = doc.data();
      docs.set(doc.ref.path, data);
    }
  }
  return docs;
}

/** Fails the test unless every stored session document has all of its messages. */
async function expectNoMarkerWithoutMessages(project: TestProject, expected: Map<string, number>): Promise<number> {
  const sessions = await project.reader.db.collection('sessions').get();
  for (const doc of sessions.docs) {
    expect(await project.count(`sessions/${doc.id}/messages`), `messages of ${doc.id}`).toBe(expected.get(doc.id));
  }
  return sessions.size;
}

describe('firestore sink: staged writes', () => {
  let staged: TestProject;
  beforeEach(() => {
    staged = newProject('staged');
  });

  it('staging many batches and flushing once stores exactly what flushing after every write stores', async () => {
    const { batches } = history();
    // Tiny commits, several in flight: the history spans many message commits that overlap.
    const sink = staged.sink({ maxBatchOps: 7, maxInFlight: 4 });
    for (const batch of batches) await sink.write(batch);
    await sink.flush();

    const direct = newProject('direct');
    const one = direct.sink();
    for (const batch of batches) {
      await one.write(batch);
      await one.flush();
    }
    const [a, b] = [await everything(staged.reader), await everything(direct.reader)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, data] of b) expect(a.get(path), path).toEqual(data);
    // And they are right: counts from the history, the grown message in its latest form.
    expect(a.get('projects/a1b2c3d4e5f60718')).toMatchObject({ sessionCount: 9, childSessionCount: 1, lastActivityMs: Date.parse('2026-03-05T12:00:00.000Z') });
    expect(a.get('projects/web')).toMatchObject({ sessionCount: 4 });
    expect(a.get('sessions/long')).toMatchObject({ messageCount: 100, endedAt: '2026-03-01T12:00:00.000Z' });
    expect(a.get(`sessions/long/messages/${makeMessage('long', 39).id}`)?.text).toBe('answer 39, grown');
  });

  it('closing without a flush commits no session or project document; the next run counts every session once', async () => {
    const { batches, expected } = history();
    const sink = staged.sink({ maxBatchOps: 7, maxInFlight: 4 });
    for (const batch of batches) await sink.write(batch);
    await sink.close();
    expect(await staged.count('sessions')).toBe(0);
    expect(await staged.count('projects')).toBe(0);

    const next = staged.sink();
    for (const batch of batches) await next.write(batch);
    await next.flush();
    expect(await expectNoMarkerWithoutMessages(staged, expected)).toBe(expected.size);
    expect(await staged.data('projects/a1b2c3d4e5f60718')).toMatchObject({ sessionCount: 9, childSessionCount: 1 });
  });

  it('with many commits in flight, every session commit starts only once all of its messages were acknowledged', async () => {
    const { batches, expected } = history();
    const pathsOf = messagePathsOf(batches);
    const acknowledged = new Set<string>();
    const early: string[] = [];
    const checked = new Set<string>();
    let inFlight = 0;
    let overlapped = 0;
    const sink = staged.sink(
      { maxBatchOps: 5, maxInFlight: 6 },
      {
        interceptCommit: async (phase, paths, commit) => {
          if (phase === 'messages') {
            inFlight += 1;
            overlapped = Math.max(overlapped, inFlight);
            try {
              await commit();
              for (const path of paths) acknowledged.add(path);
            } finally {
              inFlight -= 1;
            }
            return;
          }
          for (const path of paths.filter((p) => p.startsWith('sessions/'))) {
            const id = path.slice('sessions/'.length);
            checked.add(id);
            if ((pathsOf.get(id) ?? []).some((m) => !acknowledged.has(m))) early.push(id);
          }
          await commit();
        },
      },
    );
    for (const batch of batches) await sink.write(batch);
    await sink.flush();
    expect(early).toEqual([]);
    expect(checked).toEqual(new Set(expected.keys()));
    expect(overlapped, 'message commits overlapped').toBeGreaterThan(1);
  });

  it('a session commit that fails between two others: flush rejects, and no stored session lacks a message', async () => {
    const { batches, expected } = history();
    let sessionCommits = 0;
    const sink = staged.sink(
      { maxBatchOps: 5, maxInFlight: 3 },
      {
        interceptCommit: async (phase, _paths, commit) => {
          if (phase === 'sessions' && ++sessionCommits === 2) throw grpcError(3);
          await commit();
        },
      },
    );
    for (const batch of batches) await sink.write(batch);
    const error = await sink.flush().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).exitCode).toBe(EXIT.PARTIAL);
    expect((error as SinkError).message).toContain('INVALID_ARGUMENT');
    const stored = await expectNoMarkerWithoutMessages(staged, expected);
    expect(stored).toBeLessThan(expected.size);

    // The runner re-sends the whole window: everything lands, counted once.
    const again = staged.sink();
    for (const batch of batches) await again.write(batch);
    await again.flush();
    expect(await expectNoMarkerWithoutMessages(staged, expected)).toBe(expected.size);
    expect(await staged.data('projects/a1b2c3d4e5f60718')).toMatchObject({ sessionCount: 9, childSessionCount: 1 });
  });

  it('a message commit that fails while others are in flight: flush rejects, and no stored session lacks a message', async () => {
    const { batches, expected } = history();
    let messageCommits = 0;
    const sink = staged.sink(
      { maxBatchOps: 5, maxInFlight: 4 },
      {
        interceptCommit: async (phase, _paths, commit) => {
          if (phase === 'messages' && ++messageCommits === 20) throw grpcError(3);
          await commit();
        },
      },
    );
    for (const batch of batches) await sink.write(batch);
    const error = await sink.flush().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).message).toMatch(/while writing the messages of (session \S+|\d+ sessions) \(INVALID_ARGUMENT\)/);
    await expectNoMarkerWithoutMessages(staged, expected);
    // The failed window is over: the next one starts clean.
    await sink.write(makeBatch({ session: { id: 'after' }, messages: 2 }));
    await sink.flush();
    expect(await staged.count('sessions/after/messages')).toBe(2);
  });

  it('retries a transient failure of a commit and the flush succeeds', async () => {
    const failed = new Set<string>();
    const sink = staged.sink(
      { maxBatchOps: 5, retryBaseMs: 1 },
      {
        interceptCommit: async (phase, _paths, commit) => {
          if (failed.has(phase)) return await commit();
          failed.add(phase);
          throw grpcError(14);
        },
      },
    );
    await sink.write(makeBatch({ messages: 12 }));
    await sink.flush();
    expect(failed).toEqual(new Set(['messages', 'sessions']));
    expect(await staged.count('sessions/s-1/messages')).toBe(12);
    expect((await staged.data('projects/a1b2c3d4e5f60718'))?.sessionCount).toBe(1);
  });

  it('an unreachable server: the write that waits for a commit slot throws the SinkError (exit 3), and so does flush', async () => {
    const sink = staged.sink({ maxBatchOps: 1, maxInFlight: 1, retries: 1, retryBaseMs: 1 }, { interceptCommit: () => Promise.reject(grpcError(14)) });
    const written = await sink.write(makeBatch({ messages: 3 })).then(() => null, (e: unknown) => e);
    expect(written).toBeInstanceOf(SinkError);
    expect((written as SinkError).exitCode).toBe(EXIT.SINK_UNAVAILABLE);
    const flushed = await sink.flush().then(() => null, (e: unknown) => e);
    expect(flushed).toBe(written);
    expect(await staged.count('sessions')).toBe(0);
  });

  it('commits on its own once the staged bytes pass maxStagedBytes, before any flush', async () => {
    const sink = staged.sink({ maxStagedBytes: 64 * 1024 });
    for (let i = 0; i < 60; i += 1) await sink.write(makeBatch({ session: { id: `s-${i}` }, messages: 2 }));
    const before = await staged.count('sessions');
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(60);
    await sink.flush();
    expect(await staged.count('sessions')).toBe(60);
    expect((await staged.data('projects/a1b2c3d4e5f60718'))?.sessionCount).toBe(60);
  });
});
