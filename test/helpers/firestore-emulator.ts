/**
 * Google's Cloud Firestore emulator for tests: finds the jar, starts it on 127.0.0.1 and a free port, waits for
 * `GET /` = "Ok", resets a project's data, stops it. A missing jar or java is an error, never a skip.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { inject } from 'vitest';
import { REPO_ROOT } from './tmp-home.js';

const JAR_IN_SDK = 'platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';
const READY_DEADLINE_MS = 60_000;

/** The jar: FIRESTORE_EMULATOR_JAR, then the Google Cloud SDK's copy, then ../shared/vendor beside the repo. */
export function findEmulatorJar(env: NodeJS.ProcessEnv = process.env): string {
  const tried: string[] = [];
  const explicit = env.FIRESTORE_EMULATOR_JAR?.trim();
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    tried.push(`FIRESTORE_EMULATOR_JAR=${explicit}`);
  }
  const sdkRoot = gcloudSdkRoot();
  if (sdkRoot) {
    const jar = path.join(sdkRoot, JAR_IN_SDK);
    if (existsSync(jar)) return jar;
    tried.push(jar);
  } else {
    tried.push('gcloud (not installed)');
  }
  const vendored = path.resolve(REPO_ROOT, '../shared/vendor/cloud-firestore-emulator/cloud-firestore-emulator.jar');
  if (existsSync(vendored)) return vendored;
  tried.push(vendored);
  throw new Error(`Cloud Firestore emulator jar not found (tried: ${tried.join('; ')}). Set FIRESTORE_EMULATOR_JAR or install the gcloud component cloud-firestore-emulator.`);
}

function gcloudSdkRoot(): string | null {
  try {
    const out = execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1', CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true' },
    }).trim();
    return out === '' ? null : out;
  } catch {
    return null;
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running emulator. */
export interface FirestoreEmulator {
  /** `127.0.0.1:<port>`, the value of FIRESTORE_EMULATOR_HOST. */
  host: string;
  /** Stops it (and waits for the process to exit). Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts an emulator on a free loopback port and resolves once it answers "Ok". */
export async function startEmulator(options: { heap?: string; jar?: string } = {}): Promise<FirestoreEmulator> {
  const jar = options.jar ?? findEmulatorJar();
  const port = await freePort();
  const websocketPort = await freePort();
  const host = `127.0.0.1:${port}`;
  const child = spawn(
    'java',
    [`-Xmx${options.heap ?? '1g'}`, '-Duser.language=en', '-cp', jar, MAIN_CLASS, 'start', '--host=127.0.0.1', `--port=${port}`, `--websocket_port=${websocketPort}`],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? code})`));
    child.once('error', (error) => resolve(`could not start java: ${error.message}`));
  });
  // However the test process ends, the JVM must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  try {
    await waitUntilReady(host, exited);
  } catch (error) {
    await stop();
    throw new Error(`Firestore emulator did not start: ${(error as Error).message}\n${output}`);
  }
  return { host, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}

/** Polls `GET /` until it says "Ok", the process dies, or the deadline passes. */
async function waitUntilReady(host: string, exited: Promise<string>): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  let dead: string | null = null;
  void exited.then((why) => {
    dead = why;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(dead);
    if (await isReady(host)) return;
    await delay(100);
  }
  throw new Error(`not ready within ${READY_DEADLINE_MS} ms`);
}

/** True when the emulator at `host` answers "Ok". */
export async function isReady(host: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(2_000) });
    return response.ok && (await response.text()).trim() === 'Ok';
  } catch {
    return false;
  }
}

/** Deletes every document of `projectId`'s default database. */
export async function resetEmulator(host: string, projectId: string): Promise<void> {
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`emulator reset failed: ${response.status} ${await response.text()}`);
}

/** Loads security rules for `projectId` (the emulator then enforces them on non-admin requests). */
export async function loadRules(host: string, projectId: string, rules: string): Promise<void> {
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}:securityRules`, {
    method: 'PUT',
    body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: rules }] } }),
  });
  if (!response.ok) throw new Error(`loading rules failed: ${response.status} ${await response.text()}`);
}

/** A fresh project id per test file/case, so files sharing one emulator never see each other's data. */
export function uniqueProjectId(label: string): string {
  return `demo-${label}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/**
 * The emulator for a test file: the one the vitest globalSetup (or the user) started, else one of its own.
 * Call in `beforeAll`; call `release()` in `afterAll`.
 */
export async function acquireEmulator(): Promise<{ host: string; release: () => Promise<void> }> {
  const provided = providedHost() ?? process.env.FIRESTORE_EMULATOR_HOST?.trim();
  if (provided) {
    if (!(await isReady(provided))) throw new Error(`FIRESTORE_EMULATOR_HOST=${provided} does not answer "Ok"`);
    return { host: provided, release: async () => {} };
  }
  const emulator = await startEmulator();
  return { host: emulator.host, release: emulator.stop };
}

function providedHost(): string | undefined {
  try {
    const host = inject('firestoreEmulatorHost');
    return typeof host === 'string' && host !== '' ? host : undefined;
  } catch {
    return undefined;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    firestoreEmulatorHost: string;
  }
}
