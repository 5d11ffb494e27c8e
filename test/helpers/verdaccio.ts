/**
 * A throw-away npm registry for plugin tests: verdaccio in a child process on 127.0.0.1 (free port chosen by the OS),
 * storage in a temp dir, no uplinks (nothing is ever fetched from the internet), one user to publish with.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { REPO_ROOT } from './tmp-home.js';

export interface TestRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Publishes the package in `dir` (a folder with package.json) with the registry's test user. */
  publish(dir: string): void;
  stop(): Promise<void>;
}

// The server prints its port once listening; the OS picks a free one (port 0).
const SERVER = `
import { runServer } from 'verdaccio';
const root = process.env.REGISTRY_ROOT;
const app = await runServer({
  self_path: root,
  config_path: root + '/config.yaml',
  storage: root + '/storage',
  uplinks: {},
  packages: { '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' } },
  auth: { htpasswd: { file: root + '/htpasswd', max_users: 10 } },
  log: { type: 'stdout', format: 'pretty', level: 'fatal' },
  web: { enable: false },
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;

const portLine = z.object({ port: z.number().int().positive() });
const tokenReply = z.object({ token: z.string().min(1) });

/** Starts the registry under `root` (created if needed) and registers a publishing user. */
export async function startRegistry(root: string): Promise<TestRegistry> {
  mkdirSync(root, { recursive: true });
  // cwd = repo root so the inline module resolves verdaccio from our node_modules.
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    cwd: REPO_ROOT,
    env: { ...process.env, REGISTRY_ROOT: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await readPort(child);
  const url = `http://127.0.0.1:${port}/`;
  const reply = await fetch(`${url}-/user/org.couchdb.user:publisher`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'publisher', password: 'test-only-password' }),
  });
  const { token } = tokenReply.parse(await reply.json());
  const npmrc = path.join(root, 'publisher.npmrc');
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`, { mode: 0o600 });
  return {
    url,
    publish(dir) {
      const result = spawnSync('npm', ['publish', '--registry', url], {
        cwd: dir,
        env: { ...process.env, npm_config_userconfig: npmrc, npm_config_cache: path.join(root, 'npm-cache'), npm_config_update_notifier: 'false' },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`npm publish in ${dir} failed: ${result.stderr}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const parsed = portLine.safeParse(safeJson(line));
      if (parsed.success) resolve(parsed.data.port);
    });
    child.once('exit', (code) => reject(new Error(`verdaccio exited (${code}) before listening: ${stderr.slice(0, 2000)}`)));
  });
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
