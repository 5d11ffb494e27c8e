import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFirestore } from '../../src/doctor/firestore-checks.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

const PRIVATE_KEY_BODY = 'NOT-A-REAL-KEY-9f8e7d';

/** The environment without any Google or emulator settings of the machine running the tests. */
function cleanEnv(tmp: TmpHome): NodeJS.ProcessEnv {
  const env = { ...tmp.env };
  for (const name of ['GOOGLE_APPLICATION_CREDENTIALS', 'FIRESTORE_EMULATOR_HOST', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'CLOUDSDK_CONFIG']) delete env[name];
  return env;
}

function writeKey(tmp: TmpHome, mode: number): string {
  const file = path.join(tmp.root, 'key.json');
  const key = {
    type: 'service_account',
    project_id: 'demo-proj',
    client_email: 'sync@demo-proj.iam.gserviceaccount.com',
    private_key: `-----BEGIN PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END PRIVATE KEY-----\n`,
  };
  writeFileSync(file, JSON.stringify(key), { mode });
  chmodSync(file, mode);
  return file;
}

function run(tmp: TmpHome, options: unknown, env = cleanEnv(tmp)) {
  return checkFirestore(options, { env, home: tmp.ciHome, configFile: path.join(tmp.ciHome, 'config.json') });
}

describe('firestore checks', () => {
  it('a key file that does not exist fails, naming the path', () => {
    using tmp = makeTmpHome();
    const missing = path.join(tmp.root, 'missing-key.json');
    expect(run(tmp, { serviceAccount: missing })).toEqual([
      expect.objectContaining({ id: 'firestore.credentials', status: 'fail', message: expect.stringContaining(`${missing} does not exist`), fix: expect.any(String) }),
    ]);
  });

  it('a private key file: ok, says connectivity is not checked, and never prints the key', () => {
    using tmp = makeTmpHome();
    const key = writeKey(tmp, 0o600);
    const checks = run(tmp, { serviceAccount: key });
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['firestore.credentials', 'ok'],
      ['firestore.key-file', 'ok'],
      ['firestore.connectivity', 'info'],
    ]);
    expect(checks[0]?.message).toBe(`project demo-proj, database (default), service-account key ${key}`);
    expect(checks[2]?.message).toMatch(/connectivity not checked/);
    expect(JSON.stringify(checks)).not.toContain(PRIVATE_KEY_BODY);
  });

  it('a key file readable by group or others warns with the chmod', () => {
    using tmp = makeTmpHome();
    const key = writeKey(tmp, 0o644);
    expect(run(tmp, { serviceAccount: key }).find((c) => c.id === 'firestore.key-file')).toMatchObject({ status: 'warn', fix: `chmod 600 '${key}'` });
  });

  it('the key named by GOOGLE_APPLICATION_CREDENTIALS is checked when config names none', () => {
    using tmp = makeTmpHome();
    const key = writeKey(tmp, 0o640);
    const checks = run(tmp, { projectId: 'other-proj' }, { ...cleanEnv(tmp), GOOGLE_APPLICATION_CREDENTIALS: key });
    expect(checks[0]).toMatchObject({ status: 'ok', message: expect.stringContaining('project other-proj') });
    expect(checks[1]).toMatchObject({ id: 'firestore.key-file', status: 'warn' });
  });

  it('no credentials at all fails with the init hint', () => {
    using tmp = makeTmpHome();
    expect(run(tmp, { projectId: 'demo-proj' })).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('no Firestore credentials'), fix: expect.stringContaining('init') }),
    ]);
  });

  it('the emulator needs only a project id', () => {
    using tmp = makeTmpHome();
    const env = { ...cleanEnv(tmp), FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' };
    expect(run(tmp, {}, env)[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('no Firebase project id') });
    expect(run(tmp, { projectId: 'demo-proj' }, env)[0]).toMatchObject({ status: 'ok', message: expect.stringContaining('emulator at 127.0.0.1:1') });
  });

  it('bad options fail, naming the key and the file', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    const [bad] = run(tmp, { projectId: 'Not A Project' });
    expect(bad).toMatchObject({ id: 'firestore.options', status: 'fail' });
    expect(bad?.message).toContain('options.firestore-sink.projectId');
    expect(bad?.message).toContain(path.join(tmp.ciHome, 'config.json'));
  });
});
