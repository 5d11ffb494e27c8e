/** Failures become one clear SinkError: no credentials, bad key, unreachable server, server lost mid-run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFirestoreSink } from '../../../plugins-builtin/firestore-sink/index.js';
import { EXIT, SinkError } from '../../../src/errors.js';
import { acquireEmulator, freePort } from '../../helpers/firestore-emulator.js';
import { makeTmpHome } from '../../helpers/tmp-home.js';
import { makeBatch } from './fixtures.js';
import { recordingLogger, TestProject } from './harness.js';
import { startTcpProxy } from './tcp-proxy.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

const deps = (env: NodeJS.ProcessEnv, baseDir = '/nonexistent') => ({ logger: recordingLogger(), signal: new AbortController().signal, baseDir, env });

async function openError(sink: ReturnType<typeof createFirestoreSink>): Promise<SinkError> {
  const error = await sink.open().then(
    () => null,
    (e: unknown) => e,
  );
  await sink.close();
  expect(error).toBeInstanceOf(SinkError);
  return error as SinkError;
}

it('without credentials (and no emulator) open fails with what to do, before loading anything remote', async () => {
  using tmp = makeTmpHome();
  const error = await openError(createFirestoreSink({ projectId: 'acme' }, deps({ HOME: tmp.home })));
  expect(error.exitCode).toBe(EXIT.SINK_UNAVAILABLE);
  expect(error.message).toContain('no Firestore credentials');
  expect(error.suggestions.join('\n')).toContain('code-insights init --service-account');
});

it('a broken key file is named, its content never shown', async () => {
  using tmp = makeTmpHome();
  mkdirSync(tmp.home, { recursive: true });
  const key = path.join(tmp.home, 'key.json');
  writeFileSync(key, JSON.stringify({ type: 'service_account', project_id: 'acme', client_email: 'a@b', private_key: 'TOPSECRET' }));
  const error = await openError(createFirestoreSink({ serviceAccount: key }, deps({ HOME: tmp.home })));
  expect(error.exitCode).toBe(EXIT.SINK_UNAVAILABLE);
  expect(error.message).toContain(`${key} is not a service-account key file: missing or invalid "private_key"`);
  expect(`${error.message}${error.suggestions.join('')}`).not.toContain('TOPSECRET');
});

it('an unreachable emulator is reported at open, in seconds, naming the address', async () => {
  const port = await freePort();
  const started = Date.now();
  const error = await openError(createFirestoreSink({ projectId: 'demo-x', timeoutMs: 3_000 }, deps({ FIRESTORE_EMULATOR_HOST: `127.0.0.1:${port}` })));
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(error.exitCode).toBe(EXIT.SINK_UNAVAILABLE);
  expect(error.message).toMatch(new RegExp(`cannot reach the Firestore emulator at 127\\.0\\.0\\.1:${port} \\((UNAVAILABLE|DEADLINE_EXCEEDED) while probing\\)`));
});

it('losing the server mid-run: retries, one clear error from flush, no commit marker; the next run recovers without duplicates', async () => {
  const project = new TestProject(emulator.host, 'lost');
  const proxy = await startTcpProxy(emulator.host);
  try {
    const sink = project.sink({ retries: 3, retryBaseMs: 20 }, { env: { FIRESTORE_EMULATOR_HOST: proxy.host } });
    await sink.open();
    await sink.write(makeBatch({ session: { id: 'before' }, messages: 3 }));
    await sink.flush();

    await proxy.down();
    const started = Date.now();
    const lost = makeBatch({ session: { id: 'during' }, messages: 3 });
    // Staging needs no server; the flush is where the outage shows.
    await sink.write(lost);
    const error = await sink.flush().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).exitCode).toBe(EXIT.SINK_UNAVAILABLE);
    expect((error as SinkError).message).toContain(`cannot reach the Firestore emulator at ${proxy.host} (UNAVAILABLE while writing the messages of session during, 4 attempts)`);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The failed window is over: a later write stages into a new one and a flush with nothing staged succeeds.
    await sink.flush();
    await proxy.up();
    expect(await project.data('sessions/during')).toBeUndefined();

    // The next run (a new sink, as the next `sync` creates) sends it again.
    await sink.close();
    const next = project.sink({}, { env: { FIRESTORE_EMULATOR_HOST: proxy.host } });
    await next.write(lost);
    await next.flush();
    await next.close();
    expect(await project.count('sessions/during/messages')).toBe(3);
    expect((await project.data('projects/a1b2c3d4e5f60718'))?.sessionCount).toBe(2);
  } finally {
    await proxy.close();
    await project.dispose();
  }
});
