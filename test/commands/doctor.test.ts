/** `doctor` through the built CLI: verdicts, exit codes, the JSON shape, read-only, offline and without firebase-admin. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../helpers/run-cli.js';
import { makeTmpHome, REPO_ROOT, type TmpHome } from '../helpers/tmp-home.js';

/** The documented JSON shape, checked strictly: a renamed or extra field fails. */
const reportSchema = z
  .object({
    checks: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/),
          group: z.enum(['runtime', 'config', 'state', 'store', 'roots', 'hook', 'firestore', 'plugins']),
          status: z.enum(['ok', 'warn', 'fail', 'info']),
          message: z.string().min(1),
          fix: z.string().min(1).optional(),
        })
        .strict(),
    ),
    ok: z.boolean(),
  })
  .strict();
type Report = z.infer<typeof reportSchema>;

/** The test environment without the machine's Google or emulator settings. */
function envOf(tmp: TmpHome): NodeJS.ProcessEnv {
  const env = { ...tmp.env };
  for (const name of ['GOOGLE_APPLICATION_CREDENTIALS', 'FIRESTORE_EMULATOR_HOST', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'CLOUDSDK_CONFIG']) delete env[name];
  return env;
}

function doctorJson(env: NodeJS.ProcessEnv): { status: number | null; report: Report; stderr: string } {
  const result = runCli(['doctor', '--json'], { env });
  let raw: unknown;
  try {
    raw = JSON.parse(result.stdout);
  } catch {
    throw new Error(`doctor --json exited ${result.status}: ${result.stdout.slice(0, 500)}\n${result.stderr.slice(0, 2000)}`);
  }
  return { status: result.status, report: reportSchema.parse(raw), stderr: result.stderr };
}

function find(report: Report, id: string) {
  return report.checks.find((c) => c.id === id);
}

/** Names, sizes and mtimes of everything in `dir`, to prove a run changed nothing. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const st = statSync(path.join(dir, name));
      return `${name} ${st.size} ${st.mtimeMs} ${(st.mode & 0o777).toString(8)}`;
    });
}

function syncedHome(): TmpHome {
  const tmp = makeTmpHome({ copyRealFixtures: true });
  const sync = runCli(['sync', '-q'], { env: envOf(tmp) });
  expect(sync, sync.stderr).toMatchObject({ status: 0 });
  return tmp;
}

describe('doctor', () => {
  it('a healthy home after a real sync: all checks pass, exit 0, nothing written; --json has the documented shape', () => {
    using tmp = syncedHome();
    const env = envOf(tmp);
    const before = snapshot(tmp.ciHome);
    const text = runCli(['doctor'], { env });
    expect(text.status, text.stdout + text.stderr).toBe(0);
    expect(text.stdout.trim().split('\n').at(-1)).toBe('All checks passed');
    expect(text.stdout).toContain(`✓ store     ${path.join(tmp.ciHome, 'data.db')} opens read-only`);
    expect(text.stdout).toContain('✓ store     PRAGMA quick_check: ok');
    expect(text.stdout).toContain(`✓ roots     ${tmp.claudeDir}: 8 transcripts`);
    expect(text.stdout).not.toContain('\u001B['); // not a TTY: no colours

    const { status, report } = doctorJson(env);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.status === 'warn' || c.status === 'fail')).toEqual([]);
    for (const id of ['runtime.node', 'runtime.sqlite', 'config.load', 'state.dir', 'state.file', 'state.lock', 'store.open', 'store.schema', 'store.integrity', 'store.mode', 'roots.root-1', 'plugins.load']) {
      expect(find(report, id)?.status, id).toBe('ok');
    }
    expect(find(report, 'state.file')?.message).toContain('8 transcripts tracked');
    expect(find(report, 'hook.installed')?.status).toBe('info');
    expect(snapshot(tmp.ciHome)).toEqual(before);
  });

  it('a home never synced: exit 0, and doctor creates no state directory', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const { status, report } = doctorJson(envOf(tmp));
    expect(status).toBe(0);
    expect(find(report, 'state.dir')).toMatchObject({ status: 'info', message: expect.stringContaining('not created yet') });
    expect(existsSync(tmp.ciHome)).toBe(false);
  });

  it('a corrupt data.db: the store check fails with a suggestion, exit 1', () => {
    using tmp = syncedHome();
    writeFileSync(path.join(tmp.ciHome, 'data.db'), Buffer.from(Array.from({ length: 16384 }, (_, i) => (i * 131 + 7) % 256)));
    const text = runCli(['doctor'], { env: envOf(tmp) });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/✗ store +.*data\.db cannot be read as a SQLite database \(file is not a database\)\n +→ Move .*sync --force/);
    expect(text.stdout).toMatch(/\n1 problem, 0 warnings\n$/);
    const { status, report } = doctorJson(envOf(tmp));
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(find(report, 'store.open')).toMatchObject({ status: 'fail', fix: expect.stringContaining('sync --force') });
  });

  it('a bad config file fails, naming the file and the key; exit 1', () => {
    using tmp = syncedHome();
    const file = path.join(tmp.ciHome, 'config.json');
    writeFileSync(file, JSON.stringify({ limits: { thinking: -5 } }));
    const { status, report } = doctorJson(envOf(tmp));
    expect(status).toBe(1);
    const load = find(report, 'config.load');
    expect(load).toMatchObject({ status: 'fail', fix: expect.any(String) });
    expect(load?.message).toContain('limits.thinking');
    expect(load?.message).toContain(file);
  });

  it('a state directory with mode 0755 warns with the chmod fix, exit 0', () => {
    using tmp = syncedHome();
    chmodSync(tmp.ciHome, 0o755);
    const text = runCli(['doctor'], { env: envOf(tmp) });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`! state     ${tmp.ciHome} has mode 755: readable by group and others`);
    expect(text.stdout).toContain(`→ chmod 700 '${tmp.ciHome}'`);
    expect(text.stdout).toMatch(/\n0 problems, 1 warning\n$/);
  });

  it('a lock left by a dead process warns that the next sync recovers it', () => {
    using tmp = syncedHome();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(tmp.ciHome, 'sync.lock'), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: new Date().toISOString() }));
    const { status, report } = doctorJson(envOf(tmp));
    expect(status).toBe(0);
    expect(find(report, 'state.lock')).toMatchObject({ status: 'warn', message: expect.stringContaining(`stale lock: pid ${dead}`), fix: expect.stringContaining('next sync that has work recovers it') });
    // And it does: a sync with work (a transcript grew) takes the lock over and releases it.
    const transcript = readdirSync(tmp.claudeDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.jsonl') && !f.includes('agent-'));
    appendFileSync(path.join(tmp.claudeDir, transcript ?? 'missing'), `${JSON.stringify({ type: 'user', uuid: 'doctor-1', timestamp: '2025-01-01T00:00:00Z', message: { role: 'user', content: 'one more' } })}\n`);
    expect(runCli(['sync', '-q'], { env: envOf(tmp) }).status).toBe(0);
    expect(existsSync(path.join(tmp.ciHome, 'sync.lock'))).toBe(false);
  });

  it('Firestore with a missing key file fails, offline and without loading firebase-admin', () => {
    using tmp = syncedHome();
    const missing = path.join(tmp.root, 'no-such-key.json');
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: ['sqlite', 'firestore'], options: { 'firestore-sink': { projectId: 'demo-proj', serviceAccount: missing } } }));
    // A module hook that records, then refuses, any load of firebase-admin or the Firestore client, in every process
    // started with it (recorded too, so a caller that swallowed the error could not hide the load).
    const hook = path.join(tmp.root, 'no-firebase.mjs');
    const loads = path.join(tmp.root, 'firebase-loads.txt');
    writeFileSync(
      hook,
      `import { appendFileSync } from 'node:fs';
import module from 'node:module';
module.registerHooks({
  load(url, context, next) {
    if (/\\/node_modules\\/(firebase-admin|@google-cloud\\/firestore)\\//.test(url)) {
      appendFileSync(${JSON.stringify(loads)}, url + '\\n');
      throw new Error('firebase-admin loaded: ' + url);
    }
    return next(url, context);
  },
});
`,
    );
    const env = { ...envOf(tmp), METADATA_SERVER_DETECTION: 'none', NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` };
    // The hook does catch a load (so its silence below means something).
    const control = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('firebase-admin/firestore')"], { env, cwd: REPO_ROOT, encoding: 'utf8' });
    expect(control.status).not.toBe(0);
    expect(control.stderr).toContain('firebase-admin loaded');
    expect(readFileSync(loads, 'utf8')).toContain('firebase-admin');
    rmSync(loads);

    const { status, report, stderr } = doctorJson(env);
    expect(stderr).not.toContain('firebase-admin loaded');
    expect(JSON.stringify(report)).not.toContain('firebase-admin loaded');
    expect(existsSync(loads)).toBe(false);
    expect(status).toBe(1);
    expect(find(report, 'firestore.credentials')).toMatchObject({ status: 'fail', message: expect.stringContaining(`${missing} does not exist`) });
    // The sink plugin itself still loads (its client would load only when a sync opens it).
    expect(find(report, 'plugins.load')).toMatchObject({ status: 'ok', message: expect.stringContaining('firestore-sink') });
  });

  it('on a Node without node:sqlite it still reports: the runtime check fails and the store is skipped', () => {
    using tmp = syncedHome();
    const hook = path.join(tmp.root, 'no-sqlite.mjs');
    writeFileSync(
      hook,
      `import module from 'node:module';
module.registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'node:sqlite') throw new Error('No such built-in module: node:sqlite');
    return next(specifier, context);
  },
});
`,
    );
    const { status, report } = doctorJson({ ...envOf(tmp), NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` });
    expect(status).toBe(1);
    expect(find(report, 'runtime.sqlite')).toMatchObject({ status: 'fail', fix: expect.stringContaining('Node 22.18') });
    expect(report.checks.filter((c) => c.group === 'store')).toEqual([expect.objectContaining({ id: 'store.skipped', status: 'info' })]);
    expect(find(report, 'state.file')?.status).toBe('ok');
  });

  it('--help describes the command; an unknown flag is a usage error (exit 2)', () => {
    using tmp = makeTmpHome();
    const help = runCli(['doctor', '--help'], { env: envOf(tmp) });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Check the setup');
    expect(help.stdout).toContain('--json');
    expect(runCli(['doctor', '--bogus'], { env: envOf(tmp) }).status).toBe(2);
  });
});
