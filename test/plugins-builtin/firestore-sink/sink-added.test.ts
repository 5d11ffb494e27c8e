/**
 * Firestore added to a machine that has synced locally for a while: the next sync sends it the whole history, also
 * when the first try fails, and again when it is pointed at another project; `status` says what it still lacks.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadState } from '../../../src/state/checkpoint-store.js';
import { acquireEmulator } from '../../helpers/firestore-emulator.js';
import { makeTmpHome } from '../../helpers/tmp-home.js';
import { cli, expectSameAsSqlite, writeConfig } from './cli-harness.js';
import { TestProject } from './harness.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

type SyncJson = { transcripts: Record<string, number>; sessionsWritten: number; messagesWritten: number; errors: unknown[] };
type StatusJson = { pending: { new: number; unchanged: number; behind: Record<string, number> } };

it('a sink added later, or pointed elsewhere, is sent every transcript once, then the runs are no-ops again', async () => {
  using tmp = makeTmpHome({ copyRealFixtures: true });
  const project = new TestProject(emulator.host, 'added');
  try {
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: emulator.host };
    const json = async <T>(args: string[]): Promise<T> => {
      const result = await cli(args, { env });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as T;
    };
    expect((await json<SyncJson>(['sync', '--json'])).sessionsWritten).toBe(8);
    expect((await json<SyncJson>(['sync', '--json'])).transcripts.unchanged).toBe(8);

    // First with Firestore unreachable: nothing reaches it, and it stays owed everything.
    writeConfig(tmp.ciHome, { projectId: project.projectId });
    const down = await cli(['sync', '--json'], { env: { ...env, FIRESTORE_EMULATOR_HOST: '127.0.0.1:9' } });
    expect(down.status).toBe(3);
    expect((await json<StatusJson>(['status', '--json'])).pending).toMatchObject({ new: 0, unchanged: 8, behind: { firestore: 8 } });
    expect((await cli(['status'], { env })).stdout).toMatch(/Behind:\s+firestore: 8 transcripts to send it whole on the next sync/);

    // A transcript also grew meanwhile: SQLite gets its new lines, Firestore all of it.
    const grown = readdirSync(tmp.claudeDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('0d3a8e6f-290f-4105-a327-a2496e5e2a83.jsonl')) as string;
    appendFileSync(path.join(tmp.claudeDir, grown), `${JSON.stringify({ type: 'user', uuid: 'added-1', sessionId: '0d3a8e6f-290f-4105-a327-a2496e5e2a83', timestamp: '2025-07-06T00:00:00Z', message: { role: 'user', content: 'and one more thing' } })}\n`);
    const caughtUp = await json<SyncJson>(['sync', '--json']);
    expect(caughtUp).toMatchObject({ transcripts: { grown: 1, unchanged: 7, failed: 0 }, errors: [] });
    expect(Object.values(loadState(tmp.ciHome).files).filter((cursor) => cursor.behind)).toEqual([]);
    expect(loadState(tmp.ciHome).sinks).toEqual([`firestore emulator ${project.projectId}/(default)`, 'sqlite']);
    expect(await expectSameAsSqlite(project.reader, tmp.ciHome)).toMatchObject({ sessions: 8 });

    expect((await json<StatusJson>(['status', '--json'])).pending).toMatchObject({ unchanged: 8, behind: {} });
    expect((await json<SyncJson>(['sync', '--json'])).transcripts).toMatchObject({ unchanged: 8 });

    // The sink pointed at another project: that project is caught up the same way.
    const moved = new TestProject(emulator.host, 'moved');
    try {
      writeConfig(tmp.ciHome, { projectId: moved.projectId });
      expect((await json<StatusJson>(['status', '--json'])).pending).toMatchObject({ unchanged: 8, behind: { firestore: 8 } });
      const text = await cli(['sync'], { env });
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout).toContain('Caught up firestore (added, moved, or down before): sent 8 unchanged transcripts whole.');
      expect(await expectSameAsSqlite(moved.reader, tmp.ciHome)).toMatchObject({ sessions: 8 });
      expect((await json<SyncJson>(['sync', '--json'])).transcripts).toMatchObject({ unchanged: 8 });
    } finally {
      await moved.dispose();
    }
  } finally {
    await project.dispose();
  }
});
