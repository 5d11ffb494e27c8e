/** `code-insights init` through the built CLI (scripted flags), and its prompts through a scripted prompter. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrompter, type Prompter } from '../../src/firestore/prompter.js';
import { runInit } from '../../src/firestore/run-init.js';
import { acquireEmulator, freePort, resetEmulator, uniqueProjectId } from '../helpers/firestore-emulator.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

const FAKE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDSECRETKEYMATERIAL\n-----END PRIVATE KEY-----\n';

function keyFile(tmp: TmpHome, name: string, content: object): string {
  mkdirSync(tmp.home, { recursive: true });
  const file = path.join(tmp.home, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

function config(tmp: TmpHome): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(tmp.ciHome, 'config.json'), 'utf8')) as Record<string, unknown>;
}

const envWith = (tmp: TmpHome, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env = { ...tmp.env, ...extra };
  for (const key of ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT']) if (!(key in extra)) delete env[key];
  if (!('FIRESTORE_EMULATOR_HOST' in extra)) delete env.FIRESTORE_EMULATOR_HOST;
  return env;
};

describe('init (scripted)', () => {
  it('with FIRESTORE_EMULATOR_HOST needs no credentials: --sink both --project-id demo --yes', () => {
    using tmp = makeTmpHome();
    const result = runCli(['init', '--sink', 'both', '--project-id', 'demo', '--yes'], { env: envWith(tmp, { FIRESTORE_EMULATOR_HOST: emulator.host }) });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`probe:     reachable: database "(default)" of project "demo" (emulator at ${emulator.host})`);
    expect(config(tmp)).toEqual({ sink: ['sqlite', 'firestore'], options: { 'firestore-sink': { projectId: 'demo' } } });
    expect(statSync(path.join(tmp.ciHome, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('stores the absolute path of the key file, never the key; re-running updates only its own keys', () => {
    using tmp = makeTmpHome();
    const projectId = uniqueProjectId('init-key');
    keyFile(tmp, 'key.json', { type: 'service_account', project_id: projectId, client_email: 'sync@x.iam.gserviceaccount.com', private_key: FAKE_KEY });
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: ['sqlite', 'my-sink'], limits: { messageText: 5000 }, options: { 'sqlite-sink': { path: 'other.db' } } }));
    const env = envWith(tmp, { FIRESTORE_EMULATOR_HOST: emulator.host });

    // A relative path is relative to where init runs.
    const first = runCli(['init', '--service-account', 'key.json', '--sink', 'firestore', '--yes'], { env, cwd: tmp.home });
    expect(first.status, first.stderr).toBe(0);
    const written = readFileSync(path.join(tmp.ciHome, 'config.json'), 'utf8');
    expect(written).not.toMatch(/PRIVATE KEY|SECRETKEY/);
    expect(config(tmp)).toEqual({
      sink: ['firestore', 'my-sink'],
      limits: { messageText: 5000 },
      options: { 'sqlite-sink': { path: 'other.db' }, 'firestore-sink': { projectId, serviceAccount: path.join(tmp.home, 'key.json') } },
    });

    const again = runCli(['init', '--sink', 'both', '--database-id', '(default)', '--yes'], { env, cwd: tmp.home });
    expect(again.status, again.stderr).toBe(0);
    expect(config(tmp)).toEqual({
      sink: ['sqlite', 'firestore', 'my-sink'],
      limits: { messageText: 5000 },
      options: { 'sqlite-sink': { path: 'other.db' }, 'firestore-sink': { projectId, serviceAccount: path.join(tmp.home, 'key.json'), databaseId: '(default)' } },
    });
  });

  it('rejects a malformed key file (exit 2) naming the file and the missing fields, echoing nothing', () => {
    using tmp = makeTmpHome();
    const file = keyFile(tmp, 'bad.json', { type: 'service_account', project_id: 'p', private_key: 'SECRETKEYMATERIAL' });
    const result = runCli(['init', '--service-account', file, '--yes'], { env: envWith(tmp, {}) });
    expect(result.status).toBe(2);
    expect(result.stderr.replace(/\s+›\s+/g, ' ')).toContain(`${file} is not a service-account key file: missing or invalid "client_email", "private_key"`);
    expect(`${result.stdout}${result.stderr}`).not.toContain('SECRETKEYMATERIAL');
    expect(existsSync(path.join(tmp.ciHome, 'config.json'))).toBe(false);
  });

  it('refuses a pasted key instead of a path (exit 2) without echoing it', () => {
    using tmp = makeTmpHome();
    const result = runCli(['init', '--service-account', `{"private_key": "${FAKE_KEY}"}`, '--yes'], { env: envWith(tmp, {}) });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('takes the PATH of the key file, not its contents');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/SECRETKEY|MIIE/);
    expect(existsSync(path.join(tmp.ciHome, 'config.json'))).toBe(false);
  });

  it('exits 2 on a bad flag value and when there are no credentials at all (no emulator)', () => {
    using tmp = makeTmpHome();
    expect(runCli(['init', '--sink', 'cloud', '--yes'], { env: envWith(tmp, {}) }).status).toBe(2);
    const none = runCli(['init', '--project-id', 'acme', '--yes'], { env: envWith(tmp, {}) });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no Firestore credentials');
    expect(existsSync(path.join(tmp.ciHome, 'config.json'))).toBe(false);
  });

  it('exits 3 and leaves the config alone when the probe fails', async () => {
    using tmp = makeTmpHome();
    const port = await freePort();
    const result = runCli(['init', '--sink', 'both', '--project-id', 'demo', '--yes'], { env: envWith(tmp, { FIRESTORE_EMULATOR_HOST: `127.0.0.1:${port}` }) });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`cannot reach the Firestore emulator at 127.0.0.1:${port}`);
    expect(existsSync(path.join(tmp.ciHome, 'config.json'))).toBe(false);
  });

  it('--sink sqlite needs nothing from Firestore', () => {
    using tmp = makeTmpHome();
    const result = runCli(['init', '--sink', 'sqlite', '--yes'], { env: envWith(tmp, {}) });
    expect(result.status, result.stderr).toBe(0);
    expect(config(tmp)).toEqual({ sink: 'sqlite' });
  });
});

/** Answers questions from a script, recording them. */
function scripted(answers: string[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (question: string) => {
    asked.push(question);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected question: ${question}`);
    return answer;
  };
  return {
    asked,
    async ask(question, fallback) {
      const a = next(question);
      return a === '' ? (fallback ?? '') : a;
    },
    async confirm(question, fallback) {
      const a = next(question);
      return a === '' ? fallback : a === 'y';
    },
    async choose(question, choices, fallback) {
      const a = next(question);
      return choices.find((c) => c === a) ?? fallback;
    },
    close() {},
  };
}

describe('init (interactive)', () => {
  it('asks for sink, key file and project, probes, then confirms before writing', async () => {
    using tmp = makeTmpHome();
    const projectId = uniqueProjectId('init-ask');
    const env = envWith(tmp, { FIRESTORE_EMULATOR_HOST: emulator.host });
    const prompter = scripted(['', '', projectId, 'y']);
    const result = await runInit({ home: tmp.ciHome, cwd: tmp.home, env, prompter });
    expect(prompter.asked).toEqual([
      'Where should sync write',
      `Path of the service-account key file (emulator at ${emulator.host}: none needed, Enter to skip)`,
      'Firebase project id',
      `Write sink sqlite + firestore to ${path.join(tmp.ciHome, 'config.json')}?`,
    ]);
    expect(result).toMatchObject({ written: true, sink: ['sqlite', 'firestore'], firestore: { projectId, emulatorHost: emulator.host } });
    expect(config(tmp)).toEqual({ sink: ['sqlite', 'firestore'], options: { 'firestore-sink': { projectId } } });
    await resetEmulator(emulator.host, projectId);
  });

  it('writes nothing when the user declines', async () => {
    using tmp = makeTmpHome();
    const env = envWith(tmp, {});
    const result = await runInit({ home: tmp.ciHome, cwd: tmp.home, env, prompter: scripted(['sqlite', 'n']) });
    expect(result.written).toBe(false);
    expect(existsSync(path.join(tmp.ciHome, 'config.json'))).toBe(false);
  });

  it('the terminal prompter reads answers line by line, with defaults and re-asking', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
    });
    // Readline drops lines typed before a question is asked, so answer each prompt as it appears.
    const script = ['cloud', 'sqlite', '', 'maybe', 'n'];
    output.on('data', (chunk: Buffer) => {
      if (chunk.toString().endsWith(': ')) input.write(`${script.shift()}\n`);
    });
    const prompter = createPrompter(input, output);
    const answers = [
      await prompter.choose('Sink', ['both', 'sqlite'] as const, 'both'),
      await prompter.ask('Project', 'demo'),
      await prompter.confirm('Write', true),
    ];
    expect(answers).toEqual(['sqlite', 'demo', false]);
    expect(script).toEqual([]);
    prompter.close();
    expect(shown).toContain('Sink (both/sqlite) [both]: ');
    expect(shown).toContain('Project [demo]: ');
  });
});
