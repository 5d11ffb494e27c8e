/**
 * Two devices (two CODE_INSIGHTS_HOMEs, so two device ids) with the same repository cloned at different paths,
 * syncing at the same time: one project document listing both, sessions from both, the remote without credentials.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { claudeTranscript } from '../../../src/testing/index.js';
import { acquireEmulator } from '../../helpers/firestore-emulator.js';
import { makeTmpHome, type TmpHome } from '../../helpers/tmp-home.js';
import { cli, expectSameAsSqlite, firestoreSessions, writeConfig } from './cli-harness.js';
import { TestProject } from './harness.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

const REMOTE = 'https://user:s3cr3t-token@github.com/acme/widgets.git';

/** A clone of the repository at `dir` on one device, with `sessions` transcripts whose cwd is that clone. */
function device(tmp: TmpHome, clone: string, sessions: number, label: string): void {
  mkdirSync(clone, { recursive: true });
  execFileSync('git', ['init', '-q', clone]);
  execFileSync('git', ['-C', clone, 'remote', 'add', 'origin', REMOTE]);
  for (let i = 0; i < sessions; i += 1) {
    const t = claudeTranscript({
      cwd: clone,
      startedAt: `2026-02-0${i + 1}T09:00:00.000Z`,
      exchanges: [{ prompt: `${label}: add widget ${i}`, reply: 'added', tools: [{ name: 'Write', input: { file_path: `${clone}/w${i}.ts` }, result: 'ok' }] }],
    });
    const file = path.join(tmp.claudeDir, t.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, t.jsonl);
  }
}

it('one project document lists both devices and counts the sessions of both', async () => {
  using laptop = makeTmpHome();
  using desktop = makeTmpHome();
  const project = new TestProject(emulator.host, 'two-devices');
  try {
    device(laptop, path.join(laptop.home, 'work/widgets'), 3, 'laptop');
    device(desktop, path.join(desktop.root, 'src/clones/widgets'), 2, 'desktop');
    for (const tmp of [laptop, desktop]) writeConfig(tmp.ciHome, { projectId: project.projectId });
    const env = (tmp: TmpHome) => ({ ...tmp.env, FIRESTORE_EMULATOR_HOST: emulator.host });

    const [a, b] = await Promise.all([cli(['sync', '--json'], { env: env(laptop) }), cli(['sync', '--json'], { env: env(desktop) })]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);

    const deviceId = (tmp: TmpHome) => (JSON.parse(readFileSync(path.join(tmp.ciHome, 'device.json'), 'utf8')) as { id: string }).id;
    const [laptopId, desktopId] = [deviceId(laptop), deviceId(desktop)];
    expect(laptopId).not.toBe(desktopId);

    const projects = await project.reader.db.collection('projects').get();
    expect(projects.size).toBe(1);
    const doc = projects.docs[0]?.data() ?? {};
    expect(doc.idSource).toBe('git-remote');
    expect(String(doc.gitRemoteUrl)).toContain('github.com/acme/widgets');
    expect(JSON.stringify(doc)).not.toMatch(/s3cr3t|user:|@github/);
    expect(new Set(doc.devices)).toEqual(new Set([laptopId, desktopId]));
    expect(doc.sessionCount).toBe(5);
    expect(doc.deviceSessionCounts).toEqual({ [laptopId]: 3, [desktopId]: 2 });
    expect(doc.paths).toEqual({ [laptopId]: path.join(laptop.home, 'work/widgets'), [desktopId]: path.join(desktop.root, 'src/clones/widgets') });
    expect(doc.lastActivityMs).toBe(Math.max(...[...(await firestoreSessions(project.reader)).values()].map((s) => Date.parse(s.endedAt ?? ''))));

    const sessions = [...(await firestoreSessions(project.reader)).values()];
    expect(sessions.filter((s) => s.device.id === laptopId)).toHaveLength(3);
    expect(sessions.filter((s) => s.device.id === desktopId)).toHaveLength(2);
    expect(new Set(sessions.map((s) => s.projectId))).toEqual(new Set([projects.docs[0]?.id]));
    expect(JSON.stringify(sessions)).not.toContain('s3cr3t');
  } finally {
    await project.dispose();
  }
});

it('a directory without a git remote gets a per-machine path-hash project', async () => {
  using tmp = makeTmpHome();
  const project = new TestProject(emulator.host, 'path-hash');
  try {
    const t = claudeTranscript({ cwd: '/scratch/notes', exchanges: [{ prompt: 'sum these numbers', reply: '42' }] });
    const file = path.join(tmp.claudeDir, t.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, t.jsonl);
    writeConfig(tmp.ciHome, { projectId: project.projectId });
    const result = await cli(['sync'], { env: { ...tmp.env, FIRESTORE_EMULATOR_HOST: emulator.host } });
    expect(result.status, result.stderr).toBe(0);
    const projects = await project.reader.db.collection('projects').get();
    expect(projects.docs.map((d) => d.data())).toEqual([expect.objectContaining({ idSource: 'path-hash', gitRemoteUrl: null, sessionCount: 1 })]);
    await expectSameAsSqlite(project.reader, tmp.ciHome);
  } finally {
    await project.dispose();
  }
});
