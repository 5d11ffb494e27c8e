/**
 * Per-repository config through the built CLI: a sync started outside a repository (as from another project's hook)
 * reads that repository's JSON/YAML config as data, never runs its JS config, and says once that it skipped it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../hook/built-cli.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';
import { makeRepos, type Repos } from '../plugins-builtin/repo-config/repos.js';

interface SessionJson {
  id: string;
  projectName: string;
}

let tmp: TmpHome;

beforeAll(() => assertBuilt(['commands', 'config', 'plugins']));
afterEach(() => tmp?.[Symbol.dispose]());

function setup(): { env: NodeJS.ProcessEnv; repos: Repos } {
  tmp = makeTmpHome();
  const repos = makeRepos(path.join(tmp.root, 'work'));
  for (const file of repos.transcripts) {
    const target = path.join(tmp.claudeDir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.jsonl);
  }
  const { NODE_ENV: _unused, ...env } = tmp.env;
  return { env, repos };
}

describe('per-repository config via the CLI', () => {
  it('started elsewhere: JSON/YAML read as data, the JS config skipped with one warning', () => {
    const { env, repos } = setup();
    const result = runCli(['sync', '--json'], { env, cwd: repos.elsewhere });
    expect(result.status).toBe(0);
    expect(existsSync(repos.marker)).toBe(false);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${path.join(repos.alphaApp, '.code-insightsrc.mjs')} not run`);

    const sessions = runCliJson<SessionJson[]>(['sessions', '--json'], { env, cwd: repos.elsewhere });
    const names = Object.fromEntries(sessions.map((s) => [s.id, s.projectName]));
    const { ids } = repos;
    expect(names).toEqual({ [ids.alphaApp1]: 'Alpha Display', [ids.alphaApp2]: 'Alpha Display', [ids.alphaRoot]: 'Alpha Display', [ids.plain]: 'plain' });
  });

  it("started inside the repository: its JS config runs (and here excludes alpha/app's sessions)", () => {
    const { env, repos } = setup();
    const result = runCli(['sync', '--json'], { env, cwd: repos.alphaApp });
    expect(result.status).toBe(0);
    expect(existsSync(repos.marker)).toBe(true);
    expect(result.stderr).not.toContain('warning:');
    const ids = runCliJson<SessionJson[]>(['sessions', '--json'], { env, cwd: repos.alphaApp }).map((s) => s.id);
    expect(ids.sort()).toEqual([repos.ids.alphaRoot, repos.ids.plain].sort());

    // Excluded transcripts are remembered as synced: a plain sync without the exclusion leaves them out, a forced
    // one of their project (the README's way back) brings them in.
    expect(runCli(['sync', '-q'], { env, cwd: repos.elsewhere }).status).toBe(0);
    expect(runCliJson<SessionJson[]>(['sessions', '--json'], { env, cwd: repos.elsewhere })).toHaveLength(2);
    expect(runCli(['sync', '-q', '--force', '--project', repos.alphaApp], { env, cwd: repos.elsewhere }).status).toBe(0);
    const back = runCliJson<SessionJson[]>(['sessions', '--json'], { env, cwd: repos.elsewhere }).map((s) => s.id);
    expect(back.sort()).toEqual([repos.ids.alphaApp1, repos.ids.alphaApp2, repos.ids.alphaRoot, repos.ids.plain].sort());
  });
});
