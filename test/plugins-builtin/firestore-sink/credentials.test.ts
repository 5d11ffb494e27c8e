/** Credentials: shape checks that never echo a key, and the order credentials are looked for. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readServiceAccountFile, resolveCredentials } from '../../../plugins-builtin/firestore-sink/credentials.js';
import { makeTmpHome, type TmpHome } from '../../helpers/tmp-home.js';

const FAKE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VERYSECRETMATERIAL\n-----END PRIVATE KEY-----\n';
const account = { type: 'service_account', project_id: 'demo-proj', private_key_id: 'abc123', private_key: FAKE_KEY, client_email: 'sync@demo-proj.iam.gserviceaccount.com' };

let tmp: TmpHome;
beforeEach(() => {
  tmp = makeTmpHome();
  mkdirSync(tmp.home, { recursive: true });
});
afterEach(() => tmp[Symbol.dispose]());

function write(name: string, content: unknown): string {
  const file = path.join(tmp.home, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('readServiceAccountFile', () => {
  it('accepts a service-account key and keeps its identity', () => {
    const result = readServiceAccountFile(write('key.json', account));
    expect(result).toMatchObject({ ok: true, value: { projectId: 'demo-proj', clientEmail: account.client_email } });
  });

  it.each([
    ['missing private_key', { ...account, private_key: undefined }, /missing or invalid "private_key"/],
    ['missing client_email and project_id', { type: 'service_account', private_key: FAKE_KEY }, /"project_id", "client_email"/],
    ['user credentials', { type: 'authorized_user', client_id: 'x', client_secret: 'SECRETVALUE', refresh_token: 'SECRETVALUE' }, /"authorized_user" credentials, not a service-account key/],
    ['not JSON', `{"private_key": "${FAKE_KEY.replace(/\n/g, '\\n')}", oops`, /is not valid JSON/],
    ['an empty file', '', /is not valid JSON/],
  ])('rejects %s without echoing its content', (_label, content, expected) => {
    const file = write('bad.json', content);
    const result = readServiceAccountFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const said = `${result.problem} ${result.suggestions.join(' ')}`;
    expect(said).toMatch(expected);
    expect(said).toContain(file);
    expect(said).not.toMatch(/SECRET|BEGIN PRIVATE|MIIE/);
  });

  it('says when the file does not exist', () => {
    const result = readServiceAccountFile(path.join(tmp.home, 'nope.json'));
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('does not exist') });
  });
});

describe('resolveCredentials', () => {
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ HOME: tmp.home, ...extra });

  it('needs no credentials under the emulator, but a project id', () => {
    expect(resolveCredentials({ projectId: 'demo' }, env({ FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' }), tmp.ciHome)).toEqual({
      ok: true,
      value: { kind: 'emulator', emulatorHost: '127.0.0.1:1', projectId: 'demo', path: null },
    });
    const missing = resolveCredentials({}, env({ FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' }), tmp.ciHome);
    expect(missing).toMatchObject({ ok: false, problem: expect.stringContaining('no Firebase project id') });
  });

  it('prefers the configured file, resolves ~ and relative paths, and takes the project from it', () => {
    write('key.json', account);
    const other = write('other.json', { ...account, project_id: 'from-env' });
    const viaHome = resolveCredentials({ serviceAccount: '~/key.json' }, env({ GOOGLE_APPLICATION_CREDENTIALS: other }), '/elsewhere');
    expect(viaHome).toMatchObject({ ok: true, value: { kind: 'service-account', projectId: 'demo-proj', path: path.join(tmp.home, 'key.json') } });
    const relative = resolveCredentials({ serviceAccount: 'key.json', projectId: 'override' }, env(), tmp.home);
    expect(relative).toMatchObject({ ok: true, value: { kind: 'service-account', projectId: 'override' } });
  });

  it('falls back to GOOGLE_APPLICATION_CREDENTIALS, then gcloud application default credentials', () => {
    const key = write('key.json', account);
    expect(resolveCredentials({}, env({ GOOGLE_APPLICATION_CREDENTIALS: key }), tmp.ciHome)).toMatchObject({
      ok: true,
      value: { kind: 'service-account', path: key, projectId: 'demo-proj' },
    });
    const adcDir = path.join(tmp.home, '.config/gcloud');
    mkdirSync(adcDir, { recursive: true });
    writeFileSync(path.join(adcDir, 'application_default_credentials.json'), JSON.stringify({ type: 'authorized_user' }));
    expect(resolveCredentials({ projectId: 'p1' }, env(), tmp.ciHome)).toMatchObject({ ok: true, value: { kind: 'application-default', projectId: 'p1' } });
    expect(resolveCredentials({}, env({ GOOGLE_CLOUD_PROJECT: 'p2' }), tmp.ciHome)).toMatchObject({ ok: true, value: { projectId: 'p2' } });
  });

  it('explains what to do when there are no credentials at all', () => {
    const result = resolveCredentials({ projectId: 'p' }, env(), tmp.ciHome);
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('no Firestore credentials') });
    if (!result.ok) expect(result.suggestions.join('\n')).toContain('code-insights init --service-account');
  });

  it('checks a configured key even under the emulator', () => {
    const bad = write('bad.json', { type: 'service_account' });
    const result = resolveCredentials({ serviceAccount: bad }, env({ FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' }), tmp.home);
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('not a service-account key file') });
  });
});
