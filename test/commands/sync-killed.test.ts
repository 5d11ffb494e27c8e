/**
 * A sync killed at any point (here: mid-run, the store written from its worker thread) loses nothing and duplicates
 * nothing: the next sync leaves exactly the store a clean run leaves.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { generateCorpus } from '../helpers/corpus.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { dumpStore } from '../helpers/store-dump.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

function writeConfig(ciHome: string, writer: 'thread' | 'inline'): void {
  mkdirSync(ciHome, { recursive: true });
  writeFileSync(path.join(ciHome, 'config.json'), JSON.stringify({ options: { 'sqlite-sink': { writer } } }));
}

it('a sync killed mid-run, then run again, stores exactly what one clean sync stores', async () => {
  using killed = makeTmpHome();
  using clean = makeTmpHome();
  generateCorpus(killed.claudeDir, { projects: 3, sessions: 60, mb: 12, seed: 'killed' });
  writeConfig(killed.ciHome, 'thread');
  writeConfig(clean.ciHome, 'inline');

  const child = spawn(process.execPath, [BIN, 'sync', '-q'], { env: killed.env, cwd: killed.env.HOME, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  // Mid-run: folds.db appears when the first transcript is staged; most are not read yet, nothing is committed.
  const folds = path.join(killed.ciHome, 'folds.db');
  const deadline = Date.now() + 60_000;
  while (running && Date.now() < deadline && !existsSync(folds)) await delay(5);
  expect(running).toBe(true);
  child.kill('SIGKILL');
  await exited;

  const rerun = runCli(['sync', '-q'], { env: killed.env });
  expect(rerun.stderr).toBe('');
  expect(rerun.status).toBe(0);

  copyFileSync(path.join(killed.ciHome, 'device.json'), path.join(clean.ciHome, 'device.json'));
  const once = runCli(['sync', '-q'], { env: { ...clean.env, CLAUDE_CONFIG_DIR: killed.claudeDir } });
  expect(once.status).toBe(0);
  expect(dumpStore(killed.ciHome)).toEqual(dumpStore(clean.ciHome));
});
