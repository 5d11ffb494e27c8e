/** `status` through the built CLI: where things are, what is pending, the last sync, the hook, plugins, Firestore. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireEmulator, uniqueProjectId } from '../helpers/firestore-emulator.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

interface StatusJson {
  home: string;
  sinks: string[];
  state: { tracked: number | null; problem?: string };
  store: { counts: { projects: number; sessions: number; childSessions: number; messages: number } } | null;
  roots: Array<{ root: string; transcripts: number }>;
  pending: { new: number; grown: number; rewritten: number; unchanged: number; behind: Record<string, number> } | null;
  lastSync: { exitCode: number; sessionsWritten: number } | null;
  hook: { installed: unknown[] };
  plugins: Array<{ name: string; provides: string | null; origin: string }>;
  projects: Array<{ name: string; sessions: number }>;
  firestore: { projectId: string; emulatorHost: string | null; probe: { ok: boolean } } | null;
}

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(() => emulator.release());

describe('status', () => {
  it('before and after a sync: pending transcripts, store counts, last sync, built-in plugins', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const before = runCliJson<StatusJson>(['status', '--json'], { env: tmp.env });
    expect(before.home).toBe(tmp.ciHome);
    expect(before.sinks).toEqual(['sqlite']);
    expect(before.store).toBeNull();
    expect(before.roots).toEqual([{ root: tmp.claudeDir, transcripts: 8 }]);
    expect(before.pending).toEqual({ new: 8, grown: 0, rewritten: 0, unchanged: 0, behind: {} });
    expect(before.lastSync).toBeNull();
    expect(before.hook.installed).toEqual([]);
    expect(before.plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['claude-code-source', 'heuristic-titler', 'sqlite-sink']));

    expect(runCli(['sync', '-q'], { env: tmp.env }).status).toBe(0);
    const after = runCliJson<StatusJson>(['status', '--json'], { env: tmp.env });
    expect(after.pending).toEqual({ new: 0, grown: 0, rewritten: 0, unchanged: 8, behind: {} });
    expect(after.store?.counts).toMatchObject({ sessions: 6, childSessions: 2 });
    expect(after.lastSync).toMatchObject({ exitCode: 0, sessionsWritten: 8 });
    expect(after.projects.reduce((n, p) => n + p.sessions, 0)).toBe(6);
    const text = runCli(['status'], { env: tmp.env });
    expect(text.stdout).toMatch(/Pending: +nothing/);
    expect(text.stdout).toMatch(/Hook: +not installed/);

    // A damaged state file: status says so and still reports everything else (sync refuses to run on it).
    writeFileSync(path.join(tmp.ciHome, 'sync-state.json'), 'garbage');
    const damaged = runCliJson<StatusJson>(['status', '--json'], { env: tmp.env });
    expect(damaged.state.tracked).toBeNull();
    expect(damaged.state.problem).toMatch(/sync-state\.json is corrupt .*--force/);
    expect(damaged.pending).toBeNull();
    expect(damaged.store?.counts).toMatchObject({ sessions: 6 });
    expect(runCli(['status'], { env: tmp.env }).stdout).toMatch(/Pending: +unknown/);
    expect(runCli(['sync', '-q'], { env: tmp.env }).status).not.toBe(0);
  });

  it('probes Firestore when it is configured', () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.ciHome, { recursive: true });
    const projectId = uniqueProjectId('status');
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: ['sqlite', 'firestore'], options: { 'firestore-sink': { projectId } } }));
    const env = { ...tmp.env, FIRESTORE_EMULATOR_HOST: emulator.host };
    const report = runCliJson<StatusJson>(['status', '--json'], { env });
    expect(report.firestore).toMatchObject({ projectId, emulatorHost: emulator.host, probe: { ok: true } });
    // Unreachable: a port nothing listens on.
    const down = runCliJson<StatusJson>(['status', '--json'], { env: { ...env, FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' } });
    expect(down.firestore?.probe.ok).toBe(false);
  });
});
