/**
 * The example as a user gets it: built with its own tsconfig, linked into the built CLI with `plugins link`,
 * then `sync` exports every stored session to NDJSON. (Uses this repository's test helpers for the temp home.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../../test/helpers/run-cli.js';
import { makeTmpHome, REPO_ROOT, type TmpHome } from '../../../test/helpers/tmp-home.js';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let tmp: TmpHome;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(EXAMPLE, 'tsconfig.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`building the example failed (run npm run build at the root first):\n${tsc.stdout}${tsc.stderr}`);
  tmp = makeTmpHome({ copyRealFixtures: true });
  const { NODE_ENV: _unused, ...rest } = tmp.env;
  env = { ...rest, OCLIF_DISABLE_LINKED_ESM_WARNING: '1' };
});
afterAll(() => tmp?.[Symbol.dispose]());

describe('code-insights-plugin-ndjson linked into the CLI', () => {
  it('exports every synced session, and is listed as the ndjson sink', () => {
    expect(runCli(['plugins', 'link', EXAMPLE, '--no-install'], { env }).status).toBe(0);
    // The plugin's role makes "ndjson" a valid sink name in config.
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ sink: ['sqlite', 'ndjson'] }));
    const sync = runCliJson<{ errors: unknown[] }>(['sync', '--json'], { env });
    expect(sync.errors).toEqual([]);
    const sessions = runCliJson<Array<{ id: string }>>(['sessions', '--json', '--all'], { env });
    const files = readdirSync(path.join(tmp.ciHome, 'ndjson'));
    expect(files).toHaveLength(sessions.length);
    const plugins = runCliJson<{ pipeline: Array<{ name: string; provides: string | null; origin: string }> }>(['plugins', '--json'], { env });
    expect(plugins.pipeline).toContainEqual({ name: 'ndjson-sink', provides: 'sink:ndjson', origin: 'installed (code-insights-plugin-ndjson)' });
  });
});
