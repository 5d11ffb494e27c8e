/**
 * `SessionBatch.replace` against the emulator: a transcript read again from its first byte leaves exactly the new
 * version's messages, the deletes are committed before any new message (and atomically with the session document's
 * claim going to 0), and later increments of the new version, in the same window, are never deleted.
 */
import { describe, expect, it } from 'vitest';
import { messagePath, sessionPath } from '../../../plugins-builtin/firestore-sink/layout.js';
import type { SessionBatch } from '../../../src/records/types.js';
import { makeBatch, makeMessage } from './fixtures.js';
import { type TestProject, useEmulatorProjects } from './harness.js';

const { newProject } = useEmulatorProjects();

const SID = 's-1';

/** A batch of session `s-1` holding messages numbered `ns`, the session claiming `messageCount` messages. */
function batchOf(ns: number[], messageCount: number, replace = false): SessionBatch {
  const batch = makeBatch({ session: { id: SID, messageCount }, messages: 0 });
  batch.messages = ns.map((n) => makeMessage(SID, n));
  return replace ? { ...batch, replace: true } : batch;
}

/** Ids of the message documents stored under `s-1`, sorted. */
async function storedIds(project: TestProject): Promise<string[]> {
  const page = await project.reader.db.collection(`${sessionPath(SID)}/messages`).get();
  return page.docs.map((doc) => doc.id).sort();
}

const idsOf = (ns: number[]) => ns.map((n) => makeMessage(SID, n).id).sort();

describe('firestore sink: replace', () => {
  it('a rewritten transcript leaves exactly its new messages (m1..m4, then m1 and m5 with replace)', async () => {
    const project = newProject('replace');
    const commits: Array<{ phase: string; paths: string[] }> = [];
    const sink = project.sink({}, {
      interceptCommit: async (phase, paths, commit) => {
        commits.push({ phase, paths });
        await commit();
      },
    });
    await sink.write(batchOf([1, 2, 3, 4], 4));
    await sink.flush();
    expect(await storedIds(project)).toEqual(idsOf([1, 2, 3, 4]));
    commits.length = 0;

    await sink.write(batchOf([1, 5], 2, true));
    await sink.flush();
    expect(await storedIds(project)).toEqual(idsOf([1, 5]));
    expect((await project.data(sessionPath(SID)))?.messageCount).toBe(2);
    // The project counts the session once: the replace neither re-created nor deleted its document.
    expect((await project.data('projects/a1b2c3d4e5f60718'))?.sessionCount).toBe(1);

    // First the deletes, with the session document's claim reset in the same commit; then the new messages; then the marker.
    const [drop, ...rest] = commits;
    expect(drop?.phase).toBe('messages');
    expect(drop?.paths).toContain(sessionPath(SID));
    expect(drop?.paths.filter((p) => p.includes('/messages/')).sort()).toEqual(idsOf([1, 2, 3, 4]).map((id) => `${sessionPath(SID)}/messages/${id}`));
    expect(rest.map((c) => c.phase)).toEqual(['messages', 'sessions']);
    expect(rest[0]?.paths.sort()).toEqual([messagePath(SID, makeMessage(SID, 1).id), messagePath(SID, makeMessage(SID, 5).id)].sort());
  });

  it('within one window: old increments staged before the replace are dropped, later increments of the new version are kept', async () => {
    const project = newProject('replace-window');
    // maxBatchOps 2: the drop takes several commits (one page of one id each, after the claim reset).
    const sink = project.sink({ maxBatchOps: 2 });
    await sink.write(batchOf([1, 2, 3], 3));
    await sink.flush();
    await sink.write(batchOf([4], 4));
    await sink.write(batchOf([1, 5], 2, true));
    await sink.write(batchOf([6, 7], 4));
    await sink.flush();
    expect(await storedIds(project)).toEqual(idsOf([1, 5, 6, 7]));
    expect((await project.data(sessionPath(SID)))?.messageCount).toBe(4);
  });

  it('a replace of a session Firestore never stored writes it as usual', async () => {
    const project = newProject('replace-new');
    const sink = project.sink();
    await sink.write(batchOf([1, 5], 2, true));
    await sink.flush();
    expect(await storedIds(project)).toEqual(idsOf([1, 5]));
    expect((await project.data('projects/a1b2c3d4e5f60718'))?.sessionCount).toBe(1);
  });
});
