/**
 * `sync` into both sinks when things go wrong or grow: a session that grows, a run killed between message
 * batches, Firestore lost mid-run. After a rerun Firestore always holds exactly what SQLite holds.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import { loadState } from '../../../src/state/checkpoint-store.js';
import { claudeTranscript } from '../../../src/testing/index.js';
import { generateCorpus } from '../../helpers/corpus.js';
import { acquireEmulator } from '../../helpers/firestore-emulator.js';
import { makeTmpHome } from '../../helpers/tmp-home.js';
import { cli, expectSameAsSqlite, firestoreSessions, startCli, writeConfig } from './cli-harness.js';
import { TestProject, type Reader } from './harness.js';
import { startTcpProxy } from './tcp-proxy.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

async function messageDocs(reader: Reader): Promise<number> {
  return (await reader.db.collectionGroup('messages').count().get()).data().count;
}

/** Transcripts whose cursor a checkpoint saved with Firestore up to date (a flush to Firestore succeeded). */
async function checkpointed(ciHome: string): Promise<number> {
  return Object.values(loadState(ciHome).files).filter((cursor) => !cursor.behind?.includes('firestore')).length;
}

/** Polls until `count` reaches `n` (the run is mid-way), or the run ended. */
async function until(count: () => Promise<number>, n: number, running: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (running() && Date.now() < deadline) {
    if ((await count()) >= n) return;
    await delay(25);
  }
}

it('a session that grows is updated (counts, usage, endedAt, new messages only), never frozen', async () => {
  using tmp = makeTmpHome();
  const project = new TestProject(emulator.host, 'grow');
  try {
    writeConfig(tmp.ciHome, { projectId: project.projectId });
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: emulator.host };
    const exchanges = Array.from({ length: 6 }, (_, i) => ({ prompt: `step ${i}: change the parser`, reply: `done ${i}`, tools: [{ name: 'Edit', input: { file_path: `src/p${i}.ts` }, result: 'ok' }] }));
    const full = claudeTranscript({ cwd: '/work/parser', exchanges });
    const half = claudeTranscript({ cwd: '/work/parser', exchanges: exchanges.slice(0, 3) });
    expect(full.jsonl.startsWith(half.jsonl)).toBe(true);
    const file = path.join(tmp.claudeDir, full.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, half.jsonl);

    expect((await cli(['sync'], { env })).status).toBe(0);
    const before = (await firestoreSessions(project.reader)).get(full.sessionId);
    const firstWrites = (await project.reader.db.collection(`sessions/${full.sessionId}/messages`).get()).docs.map((d) => [d.id, d.updateTime.toMillis()]);

    appendFileSync(file, full.jsonl.slice(half.jsonl.length));
    const grown = await cli(['sync', '--json'], { env });
    expect(grown.status, grown.stderr).toBe(0);
    expect(JSON.parse(grown.stdout)).toMatchObject({ transcripts: { grown: 1 } });

    const after = (await firestoreSessions(project.reader)).get(full.sessionId);
    expect(after?.humanPromptCount).toBe(6);
    expect(before?.humanPromptCount).toBe(3);
    expect(after?.toolCallCount).toBe(6);
    expect(Date.parse(after?.endedAt ?? '')).toBeGreaterThan(Date.parse(before?.endedAt ?? ''));
    expect(after?.usage.outputTokens).toBeGreaterThan(before?.usage.outputTokens ?? Infinity);
    // Only new messages were sent: the earlier documents were not rewritten.
    const secondWrites = new Map((await project.reader.db.collection(`sessions/${full.sessionId}/messages`).get()).docs.map((d) => [d.id, d.updateTime.toMillis()]));
    for (const [id, time] of firstWrites) expect(secondWrites.get(String(id))).toBe(time);
    expect(secondWrites.size).toBeGreaterThan(firstWrites.length);
    await expectSameAsSqlite(project.reader, tmp.ciHome);
  } finally {
    await project.dispose();
  }
});

it('killed between message batches, the rerun loses nothing and duplicates nothing', async () => {
  using tmp = makeTmpHome();
  const project = new TestProject(emulator.host, 'kill');
  // Each answer held 10 ms: the ~35 commits still to come after the first 150 messages take at least ~350 ms on any
  // machine, so the kill lands mid-run.
  const proxy = await startTcpProxy(emulator.host, { responseDelayMs: 10 });
  try {
    generateCorpus(tmp.claudeDir, { projects: 2, sessions: 8, mb: 1.5, seed: 'kill-me' });
    // Small batches, one at a time: many commits, so the kill lands between two of them.
    writeConfig(tmp.ciHome, { projectId: project.projectId, maxBatchOps: 10, maxInFlight: 1 });
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: proxy.host };
    const run = startCli(['sync'], { env });
    await until(() => messageDocs(project.reader), 150, () => run.child.exitCode === null);
    expect(run.child.exitCode, 'the run ended before it could be killed').toBeNull();
    run.child.kill('SIGKILL');
    expect((await run.done).status).toBeNull();

    const rerun = await cli(['sync', '--json'], { env });
    expect(rerun.status, rerun.stderr).toBe(0);
    const totals = await expectSameAsSqlite(project.reader, tmp.ciHome);
    expect(await messageDocs(project.reader)).toBe(totals.messages);
  } finally {
    await proxy.close();
    await project.dispose();
  }
});

it('Firestore lost mid-run: exit 1, SQLite goes on, Firestore is marked behind where it missed data, the next run catches it up', async () => {
  using tmp = makeTmpHome();
  const project = new TestProject(emulator.host, 'outage');
  // Every answer from the emulator held 4 ms: the ~1,200 commits below take at least ~5 s on any machine, so the run
  // is still going when its first checkpoint (about 2 s in) shows up, and the outage lands mid-run.
  const proxy = await startTcpProxy(emulator.host, { responseDelayMs: 4 });
  try {
    generateCorpus(tmp.claudeDir, { projects: 2, sessions: 12, mb: 3, seed: 'outage' });
    // One write per commit, one at a time.
    writeConfig(tmp.ciHome, { projectId: project.projectId, maxBatchOps: 1, maxInFlight: 1, retries: 2, retryBaseMs: 50 });
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: proxy.host };
    const run = startCli(['sync', '--json'], { env });
    await until(() => checkpointed(tmp.ciHome), 1, () => run.child.exitCode === null);
    expect(run.child.exitCode, 'the run ended before Firestore went away').toBeNull();
    await proxy.down();
    const failed = await run.done;
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`cannot reach the Firestore emulator at ${proxy.host}`);

    // SQLite, still up, got every transcript; Firestore holds exactly the transcripts it is not marked behind on.
    const state = loadState(tmp.ciHome);
    const store = SqliteStore.open(path.join(tmp.ciHome, 'data.db'), { readonly: true });
    const byPath = new Map(store.listSessions({ includeChildren: true }).map((s) => [s.sourcePath, s]));
    store.close();
    const remote = await firestoreSessions(project.reader);
    const cursors = Object.entries(state.files);
    expect(cursors.length).toBe(byPath.size);
    const behind = cursors.filter(([, cursor]) => cursor.behind?.includes('firestore'));
    expect(behind.length).toBeGreaterThan(0);
    expect(behind.length).toBeLessThan(cursors.length);
    for (const [file, cursor] of cursors) {
      if (cursor.behind?.includes('firestore')) continue;
      const local = byPath.get(file);
      expect(remote.get(local?.id ?? ''), `${file} is not marked behind but Firestore lacks its commit`).toEqual(local);
    }

    // Firestore is back (straight to the emulator: the catch-up need not be slowed down).
    const rerun = await cli(['sync', '--json'], { env: { ...env, FIRESTORE_EMULATOR_HOST: emulator.host } });
    expect(rerun.status, rerun.stderr).toBe(0);
    await expectSameAsSqlite(project.reader, tmp.ciHome);
  } finally {
    await proxy.close();
    await project.dispose();
  }
});
