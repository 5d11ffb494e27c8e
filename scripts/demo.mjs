#!/usr/bin/env node
// npm run demo: syncs the bundled sample transcripts into a throw-away home, lists, searches, shows and sums them up.
// Touches nothing of yours: HOME, CODE_INSIGHTS_HOME and CLAUDE_CONFIG_DIR all point into a temp directory.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = mkdtempSync(path.join(tmpdir(), 'code-insights-demo-'));
const claude = path.join(root, 'claude');
cpSync(path.join(repo, 'test/fixtures/claude-real'), claude, { recursive: true });
const env = { ...process.env, HOME: path.join(root, 'home'), CODE_INSIGHTS_HOME: path.join(root, 'store'), CLAUDE_CONFIG_DIR: claude };
const run = (...args) => {
  console.log(`\n$ code-insights ${args.join(' ')}`);
  spawnSync(process.execPath, [path.join(repo, 'bin/run.js'), ...args], { env, stdio: 'inherit' });
};
run('sync');
run('sessions', '--all');
run('search', 'timeline', '--limit', '3');
run('show', '29ccd257');
run('stats');
run('sync');
console.log(`\nDemo data is in ${root}. Explore it with:\n  CODE_INSIGHTS_HOME=${env.CODE_INSIGHTS_HOME} CLAUDE_CONFIG_DIR=${claude} npx code-insights status`);
