/**
 * Plugins listed in a repository's config, through the built CLI: a path plugin replacing the titler, `disable`,
 * options validated by the plugin's own schema, and a plugin that throws in each stage failing only what it touched.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../hook/built-cli.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

/** A real-fixture main session without subagents: the one the throwing plugin fails. */
const TARGET = '03eb5929-52b3-4b13-ada3-b93ae35806b8';

const TITLER = `import { definePlugin, z } from 'code-insights/plugin';
const optionsSchema = z.object({ label: z.string().default('Session') }).strict();
export default definePlugin({
  name: 'label-titler',
  provides: 'titler',
  optionsSchema,
  apply(hooks, context) {
    hooks.classify.tap('label-titler', (batch) => ({
      ...batch,
      session: { ...batch.session, title: context.options.label + ' ' + batch.session.humanPromptCount, titleSource: 'prompt' },
    }));
  },
});
`;

const THROWER = `import { definePlugin, STAGE_ORDER } from 'code-insights/plugin';
export default (options) => definePlugin({
  name: 'thrower',
  apply(hooks) {
    const hit = (file) => file.path.includes(options.target);
    const stage = options.stage;
    if (stage === 'discover') hooks.discover.tap('thrower', () => { throw new Error('cannot list'); });
    if (stage === 'parse') hooks.parse.tap({ name: 'thrower', stage: STAGE_ORDER.PRE }, (request) => { if (hit(request.file)) throw new Error('bad bytes'); return undefined; });
    if (stage === 'enrich') hooks.enrich.tap('thrower', (batch) => { if (hit(batch.file)) throw new Error('no cost'); return batch; });
    if (stage === 'classify') hooks.classify.tap('thrower', (batch) => { if (hit(batch.file)) throw new Error('no title'); return batch; });
    if (stage === 'upload') hooks.upload.tap('thrower', (sinks) => [...sinks, {
      name: 'thrower',
      async open() {},
      async write(batch) { if (hit(batch.file)) throw new Error('disk full'); },
      async *listSessions() {},
      async updateTitles() {},
      async close() {},
    }]);
  },
});
`;

interface SyncJson {
  transcripts: { discovered: number; new: number; failed: number };
  sessionsWritten: number;
  errors: Array<{ path: string | null; message: string; plugin?: string; hook?: string }>;
}
interface SessionJson {
  id: string;
  title: string | null;
  character: string | null;
  humanPromptCount: number;
}

let homes: TmpHome[] = [];

/** oclif wraps error output (` ›   ` continuation lines); join it back into one line. */
const flat = (stderr: string) => stderr.replace(/\s*\n\s*›?\s*/g, ' ');
let baseline: SyncJson;

/** A temp home with the real fixtures and a repository whose config is `config`; returns env and repo dir. */
function setup(config: object): { env: NodeJS.ProcessEnv; repo: string; rcFile: string } {
  const tmp = makeTmpHome({ copyRealFixtures: true });
  homes.push(tmp);
  const repo = path.join(tmp.root, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'plugins'));
  writeFileSync(path.join(repo, 'plugins', 'titler.mjs'), TITLER);
  writeFileSync(path.join(repo, 'plugins', 'thrower.mjs'), THROWER);
  const rcFile = path.join(repo, '.code-insightsrc.json');
  writeFileSync(rcFile, JSON.stringify(config));
  const { NODE_ENV: _unused, ...env } = tmp.env;
  return { env, repo, rcFile };
}

beforeAll(() => {
  assertBuilt(['commands', 'plugins', 'pipeline', 'config']);
  const { env, repo } = setup({});
  baseline = runCliJson<SyncJson>(['sync', '--json'], { env, cwd: repo });
  expect(baseline.errors).toEqual([]);
  expect(baseline.sessionsWritten).toBeGreaterThan(1);
});

afterEach(() => {
  for (const tmp of homes) tmp[Symbol.dispose]();
  homes = [];
});

describe('config-listed plugins', () => {
  it('a path plugin that provides "titler" replaces the built-in titler; disable removes the classifier', () => {
    const { env, repo, rcFile } = setup({ plugins: [['./plugins/titler.mjs', { label: 'Work' }]], disable: ['heuristic-classifier'] });
    expect(runCli(['sync', '--json'], { env, cwd: repo }).status).toBe(0);
    const sessions = runCliJson<SessionJson[]>(['sessions', '--json'], { env, cwd: repo });
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      expect(s.title).toBe(`Work ${s.humanPromptCount}`);
      expect(s.character).toBeNull();
    }
    const status = runCliJson<{ plugins: Array<{ name: string; provides: string | null; origin: string }> }>(['status', '--json'], { env, cwd: repo });
    const names = status.plugins.map((p) => p.name);
    expect(names).not.toContain('heuristic-titler');
    expect(names).not.toContain('heuristic-classifier');
    expect(status.plugins).toContainEqual({ name: 'label-titler', provides: 'titler', origin: `config (${rcFile})` });
  });

  it('options are validated by the plugin schema: exit 2, naming file and key', () => {
    const { env, repo, rcFile } = setup({ plugins: ['./plugins/titler.mjs', ['./plugins/titler.mjs', { label: 7 }]] });
    const result = runCli(['sync'], { env, cwd: repo });
    expect(result.status).toBe(2);
    expect(flat(result.stderr)).toContain(`plugins[1][1].label: Invalid input: expected string, received number (in ${rcFile})`);
  });

  it('a plugin path that does not exist is a load error naming the entry and file', () => {
    const { env, repo, rcFile } = setup({ plugins: ['./plugins/missing.mjs'] });
    const result = runCli(['sync'], { env, cwd: repo });
    expect(result.status).toBe(2);
    expect(flat(result.stderr)).toContain(`Cannot find plugin ./plugins/missing.mjs (plugins[0] in ${rcFile}): ${path.join(repo, 'plugins/missing.mjs')} does not exist`);
  });
});

describe('a plugin that throws', () => {
  it('in discover: its transcripts are missing, every other one is synced, exit 1', () => {
    const { env, repo } = setup({ plugins: [['./plugins/thrower.mjs', { stage: 'discover', target: TARGET }]] });
    const result = runCli(['sync', '--json'], { env, cwd: repo });
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as SyncJson;
    expect(json.errors).toEqual([{ path: '(discover)', message: '[thrower] discover failed: cannot list', plugin: 'thrower', hook: 'discover' }]);
    expect(json.sessionsWritten).toBe(baseline.sessionsWritten);
  });

  for (const [stage, message, plugin] of [
    ['parse', 'bad bytes', 'thrower'],
    ['enrich', 'no cost', 'thrower'],
    ['classify', 'no title', 'thrower'],
    ['upload', 'disk full', 'sink:thrower'],
  ] as const) {
    it(`in ${stage}: only the transcript it touched fails, attributed to ${plugin}`, () => {
      const { env, repo, rcFile } = setup({ plugins: [['./plugins/thrower.mjs', { stage, target: TARGET }]] });
      const result = runCli(['sync', '--json'], { env, cwd: repo });
      expect(result.status).toBe(1);
      const json = JSON.parse(result.stdout) as SyncJson;
      expect(json.errors).toHaveLength(1);
      expect(json.errors[0]).toMatchObject({ plugin, hook: stage === 'upload' ? 'upload' : stage, message: `[${plugin}] ${stage} failed: ${message}` });
      expect(json.errors[0]?.path).toContain(TARGET);
      expect(json.transcripts.failed).toBe(1);
      expect(result.stderr).toContain(`[${plugin}] ${stage} failed: ${message}`);
      if (stage === 'upload') {
        // Each sink keeps its own progress: the local store took every transcript; only the failing sink is behind.
        expect(json.sessionsWritten).toBe(baseline.sessionsWritten);
        rmSync(rcFile);
        const next = runCliJson<SyncJson>(['sync', '--json'], { env, cwd: repo });
        expect(next.errors).toEqual([]);
        expect(next.sessionsWritten).toBe(0);
        // The removed sink's mark is forgotten, so the following sync is a no-op again.
        expect(runCliJson<SyncJson>(['sync', '--json'], { env, cwd: repo }).transcripts).toMatchObject({ new: 0, failed: 0 });
        return;
      }
      expect(json.sessionsWritten).toBe(baseline.sessionsWritten - 1);

      // The failed transcript's cursor did not move: without the plugin, the next sync picks up exactly that one.
      rmSync(rcFile);
      const next = runCliJson<SyncJson>(['sync', '--json'], { env, cwd: repo });
      expect(next.errors).toEqual([]);
      expect(next.transcripts.new).toBe(1);
      expect(next.sessionsWritten).toBe(1);
    });
  }
});
