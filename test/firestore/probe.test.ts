/** describeFirestore: what `status` shows about the Firestore sink, from a fresh probe; never throws. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeFirestore } from '../../src/firestore/probe.js';
import { acquireEmulator, freePort, resetEmulator, uniqueProjectId } from '../helpers/firestore-emulator.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

it('reports the project, the emulator and a successful probe', async () => {
  using tmp = makeTmpHome();
  const projectId = uniqueProjectId('describe');
  const description = await describeFirestore({ projectId }, { HOME: tmp.home, CODE_INSIGHTS_HOME: tmp.ciHome, FIRESTORE_EMULATOR_HOST: emulator.host });
  expect(description).toEqual({
    projectId,
    databaseId: '(default)',
    emulatorHost: emulator.host,
    credentialsPath: null,
    identity: 'the emulator',
    probe: { ok: true, message: `reachable: database "(default)" of project "${projectId}" (emulator at ${emulator.host})` },
  });
  await resetEmulator(emulator.host, projectId);
});

it('reports a failed probe, bad options and missing credentials as probe results, naming only paths', async () => {
  using tmp = makeTmpHome();
  const port = await freePort();
  const down = await describeFirestore({ projectId: 'demo', timeoutMs: 2_000 }, { HOME: tmp.home, FIRESTORE_EMULATOR_HOST: `127.0.0.1:${port}` });
  expect(down.probe.ok).toBe(false);
  expect(down.probe.message).toContain(`cannot reach the Firestore emulator at 127.0.0.1:${port}`);

  const invalid = await describeFirestore({ projectId: 'demo', colour: 'blue' }, { HOME: tmp.home });
  expect(invalid.probe).toMatchObject({ ok: false, message: expect.stringContaining('options.firestore-sink') });

  mkdirSync(tmp.home, { recursive: true });
  const key = path.join(tmp.home, 'key.json');
  writeFileSync(key, JSON.stringify({ type: 'service_account', project_id: 'acme', client_email: 'a@b', private_key: 'not a key: SECRET' }));
  const bad = await describeFirestore({ serviceAccount: key }, { HOME: tmp.home });
  expect(bad).toMatchObject({ projectId: null, credentialsPath: null, probe: { ok: false } });
  expect(bad.probe.message).toContain(key);
  expect(bad.probe.message).not.toContain('SECRET');

  const none = await describeFirestore(undefined, { HOME: tmp.home });
  expect(none.probe.message).toContain('no Firestore credentials');
});
