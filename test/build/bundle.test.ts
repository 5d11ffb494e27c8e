/**
 * The build as it ships (dist/, linked by scripts/bundle.mjs): a sync runs from a handful of files, mostly the two sync
 * chunks, and never loads zod, the Firestore SDK or worker threads; a sync with nothing to do does not even load the
 * second chunk.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome, REPO_ROOT, type TmpHome } from '../helpers/tmp-home.js';

const DIST = pathToFileURL(path.join(REPO_ROOT, 'dist') + path.sep).href;

/**
 * Loaded before the CLI: fails any load of zod, the Firestore SDK or worker threads (a small sync writes from its own
 * thread), and lists the files of dist/ that load.
 */
const hook = (list: string) => `
import module from 'node:module';
import { appendFileSync } from 'node:fs';
module.registerHooks({
  load(url, context, next) {
    if (/[\\\\/]node_modules[\\\\/](zod|firebase-admin|@google-cloud[\\\\/]firestore)[\\\\/]/.test(url)) throw new Error('loaded ' + url);
    if (url === 'node:worker_threads') throw new Error('loaded ' + url);
    if (url.startsWith(${JSON.stringify(DIST)})) appendFileSync(${JSON.stringify(list)}, url.slice(${DIST.length}) + '\\n');
    return next(url, context);
  },
});
`;

/** Runs `sync -q` under the hook; returns its exit status, stderr and the dist/ files it loaded. */
function syncLoading(tmp: TmpHome, run: string): { status: number | null; stderr: string; files: string[] } {
  const list = path.join(tmp.root, `${run}.txt`);
  const hookFile = path.join(tmp.root, `${run}-hook.mjs`);
  writeFileSync(list, '');
  writeFileSync(hookFile, hook(list));
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(hookFile).href, BIN, 'sync', '-q'], {
    env: tmp.env,
    cwd: tmp.home,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, files: readFileSync(list, 'utf8').split('\n').filter(Boolean) };
}

const isSyncFull = (file: string) => /^chunks\/sync-full-[\w-]+\.js$/.test(file);

describe('the shipped bundle', () => {
  it('syncs without zod, Firestore or worker threads, from the sync chunks; with nothing to do, without the second one', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    const first = syncLoading(tmp, 'first');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(runCliJson<unknown[]>(['sessions', '--json'], { env: tmp.env })).toHaveLength(6);
    expect(first.files).toContain('src/commands/sync.js');
    expect(first.files.filter(isSyncFull)).toHaveLength(1);
    // Unbundled, this sync loaded ~110 modules of this package; what remains are entries and the little files that
    // stand for lazily imported modules.
    expect(first.files.length).toBeLessThan(25);

    const idle = syncLoading(tmp, 'idle');
    expect(idle.status).toBe(0);
    expect(idle.files).toContain('src/commands/sync.js');
    expect(idle.files.filter(isSyncFull)).toEqual([]);
    expect(idle.files.length).toBeLessThan(8);
  });
});
