/** firestore.rules (deny all) and the documented signed-in variant, enforced by the emulator on client requests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSinkError } from '../../../plugins-builtin/firestore-sink/classify-error.js';
import { acquireEmulator, loadRules, resetEmulator, uniqueProjectId } from '../../helpers/firestore-emulator.js';
import { REPO_ROOT } from '../../helpers/tmp-home.js';
import { makeBatch } from './fixtures.js';
import { openReader, TestProject } from './harness.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

const OWNER = 'owner-uid';

/** An unsigned ID token, as the emulator accepts for signed-in users. */
function idToken(projectId: string, uid: string): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    iat: now,
    exp: now + 3600,
    auth_time: now,
    sub: uid,
    user_id: uid,
    firebase: { sign_in_provider: 'password', identities: {} },
  })}.`;
}

/** A client request through the REST API, as a web dashboard would make it; returns the HTTP status. */
async function request(host: string, projectId: string, method: string, docPath: string, options: { uid?: string; body?: object; query?: string } = {}): Promise<number> {
  const url = `http://${host}/v1/projects/${projectId}/databases/(default)/documents/${docPath}${options.query ?? ''}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.uid) headers.authorization = `Bearer ${idToken(projectId, options.uid)}`;
  const response = await fetch(url, { method, headers, ...(options.body ? { body: JSON.stringify(options.body) } : {}) });
  await response.arrayBuffer();
  return response.status;
}

/** The variant's text, taken from the docs so the documented rules are the tested ones. */
function documentedVariant(): string {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/firestore.md'), 'utf8');
  const match = /<!-- rules:signed-in -->\s*```\n([\s\S]*?)```\s*<!-- \/rules:signed-in -->/.exec(doc);
  if (!match?.[1]) throw new Error('docs/firestore.md lost its signed-in rules block');
  return match[1].replace('REPLACE_WITH_YOUR_UID', OWNER);
}

async function seeded(label: string, rules: string): Promise<TestProject> {
  const project = new TestProject(emulator.host, label);
  const sink = project.sink();
  await sink.write(makeBatch({ messages: 1 }));
  await sink.flush();
  await sink.close();
  await loadRules(emulator.host, project.projectId, rules);
  return project;
}

const message = `sessions/s-1/messages/${makeBatch({ messages: 1 }).messages[0]?.id}`;
const titleBody = { fields: { customTitle: { stringValue: 'Renamed' } } };

describe('firestore.rules', () => {
  it('denies every client read and write, signed in or not; the admin SDK still works', async () => {
    const project = await seeded('rules-deny', readFileSync(path.join(REPO_ROOT, 'firestore.rules'), 'utf8'));
    try {
      const { host } = emulator;
      const id = project.projectId;
      for (const uid of [undefined, OWNER]) {
        expect(await request(host, id, 'GET', 'sessions/s-1', { uid })).toBe(403);
        expect(await request(host, id, 'GET', 'projects/a1b2c3d4e5f60718', { uid })).toBe(403);
        expect(await request(host, id, 'GET', message, { uid })).toBe(403);
        expect(await request(host, id, 'PATCH', 'sessions/s-1', { uid, body: titleBody, query: '?updateMask.fieldPaths=customTitle' })).toBe(403);
        expect(await request(host, id, 'DELETE', 'sessions/s-1', { uid })).toBe(403);
      }
      expect((await project.data('sessions/s-1'))?.id).toBe('s-1');
    } finally {
      await project.dispose();
    }
  });

  it('turns a refusal of the server into the clear PERMISSION_DENIED message', async () => {
    const projectId = uniqueProjectId('rules-refusal');
    await loadRules(emulator.host, projectId, readFileSync(path.join(REPO_ROOT, 'firestore.rules'), 'utf8'));
    const client = openReader(emulator.host, projectId, { Authorization: `Bearer ${idToken(projectId, 'someone')}` });
    try {
      const error = await client.db.listCollections().then(
        () => client.db.doc('sessions/x').get(),
      ).then(
        () => null,
        (e: unknown) => e,
      );
      const sinkError = toSinkError(error, { sink: 'firestore', projectId, databaseId: '(default)', identity: 'service account x@y', emulatorHost: emulator.host, action: 'probing' });
      expect(sinkError.message).toContain(`x@y may not use database "(default)" of Firebase project "${projectId}" (PERMISSION_DENIED while probing)`);
      expect(sinkError.suggestions[0]).toContain('roles/datastore.user');
    } finally {
      await client.close();
      await resetEmulator(emulator.host, projectId);
    }
  });
});

describe('documented signed-in variant', () => {
  it('lets the listed user read everything and rename a session, nothing more', async () => {
    const project = await seeded('rules-owner', documentedVariant());
    try {
      const { host } = emulator;
      const id = project.projectId;
      expect(await request(host, id, 'GET', 'projects/a1b2c3d4e5f60718', { uid: OWNER })).toBe(200);
      expect(await request(host, id, 'GET', 'sessions/s-1', { uid: OWNER })).toBe(200);
      expect(await request(host, id, 'GET', message, { uid: OWNER })).toBe(200);
      expect(await request(host, id, 'PATCH', 'sessions/s-1', { uid: OWNER, body: titleBody, query: '?updateMask.fieldPaths=customTitle&currentDocument.exists=true' })).toBe(200);
      expect((await project.data('sessions/s-1'))?.customTitle).toBe('Renamed');

      // Anything else is refused: other fields, new documents, deletes, messages, other users, anonymous.
      const titleChange = { fields: { title: { stringValue: 'x' } } };
      expect(await request(host, id, 'PATCH', 'sessions/s-1', { uid: OWNER, body: titleChange, query: '?updateMask.fieldPaths=title' })).toBe(403);
      expect(await request(host, id, 'PATCH', 'sessions/s-1', { uid: OWNER, body: { fields: { customTitle: { integerValue: '7' } } }, query: '?updateMask.fieldPaths=customTitle' })).toBe(403);
      expect(await request(host, id, 'PATCH', 'sessions/new-one', { uid: OWNER, body: titleBody, query: '?updateMask.fieldPaths=customTitle' })).toBe(403);
      expect(await request(host, id, 'DELETE', 'sessions/s-1', { uid: OWNER })).toBe(403);
      expect(await request(host, id, 'PATCH', message, { uid: OWNER, body: { fields: { text: { stringValue: 'x' } } }, query: '?updateMask.fieldPaths=text' })).toBe(403);
      expect(await request(host, id, 'PATCH', 'projects/a1b2c3d4e5f60718', { uid: OWNER, body: { fields: { name: { stringValue: 'x' } } }, query: '?updateMask.fieldPaths=name' })).toBe(403);
      expect(await request(host, id, 'GET', 'elsewhere/doc', { uid: OWNER })).toBe(403);
      for (const uid of ['intruder', undefined]) {
        expect(await request(host, id, 'GET', 'sessions/s-1', { uid })).toBe(403);
        expect(await request(host, id, 'GET', message, { uid })).toBe(403);
        expect(await request(host, id, 'PATCH', 'sessions/s-1', { uid, body: titleBody, query: '?updateMask.fieldPaths=customTitle' })).toBe(403);
      }
    } finally {
      await project.dispose();
    }
  });
});
