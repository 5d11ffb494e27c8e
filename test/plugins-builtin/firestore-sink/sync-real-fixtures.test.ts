/** `sync` of the real fixture transcripts into both sinks: Firestore holds exactly what SQLite holds. */
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it('a full sync of claude-real: every session, message and project count matches the SQLite store; a rerun sends nothing', async () => {
  using tmp = makeTmpHome({ copyRealFixtures: true });
  const project = new TestProject(emulator.host, 'real');
  try {
    writeConfig(tmp.ciHome, { projectId: project.projectId });
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: emulator.host };
    const first = await cli(['sync', '--json'], { env });
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { transcripts: { new: number; failed: number }; messagesWritten: number };
    expect(summary.transcripts).toMatchObject({ new: 8, failed: 0 });

    const totals = await expectSameAsSqlite(project.reader, tmp.ciHome);
    expect(totals.sessions).toBe(8);
    expect(totals.messages).toBeGreaterThan(0);

    // Nothing changed on disk: nothing is sent, and the store is unchanged.
    const before = (await project.reader.db.doc(`projects/${(await project.reader.db.collection('projects').limit(1).get()).docs[0]?.id}`).get()).updateTime;
    const again = await cli(['sync', '--json'], { env });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ sessionsWritten: 0, messagesWritten: 0 });
    const after = (await project.reader.db.doc(`projects/${(await project.reader.db.collection('projects').limit(1).get()).docs[0]?.id}`).get()).updateTime;
    expect(after?.isEqual(before ?? after)).toBe(true);

    // --regenerate-titles touches title fields only; a title the user set in Firestore survives it and a --force resync.
    const sessionId = [...(await project.reader.db.collection('sessions').where('kind', '==', 'main').limit(1).get()).docs][0]?.id ?? '';
    await project.reader.db.doc(`sessions/${sessionId}`).update({ customTitle: 'Named in the dashboard', note: 'mine' });
    expect((await cli(['sync', '--regenerate-titles'], { env })).status).toBe(0);
    expect((await cli(['sync', '--force', '--json'], { env })).status).toBe(0);
    expect(await project.data(`sessions/${sessionId}`)).toMatchObject({ customTitle: 'Named in the dashboard', note: 'mine' });
    // Everything else still matches the local store (which knows nothing of the dashboard's title).
    await expectSameAsSqlite(project.reader, tmp.ciHome, { [sessionId]: { customTitle: 'Named in the dashboard' } });
  } finally {
    await project.dispose();
  }
});
