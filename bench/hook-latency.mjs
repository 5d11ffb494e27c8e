#!/usr/bin/env node
/**
 * How fast the installed SessionEnd hook gives control back to Claude Code, and how soon the ended session is in
 * the store, on a large history. Not a test: prints numbers.
 *
 *   npm run build && npx node bench/hook-latency.mjs [--sessions 4600] [--projects 40] [--mb 300] [--runs 20] [--keep]
 *
 * 1. Generates a corpus with ../shared/tools/gen-corpus.mjs into a temp dir (never the repo), ~5,000 transcripts.
 * 2. Holds back `runs` main transcripts, syncs the rest (the "history"), installs the hook there.
 * 3. Per run: puts one held-back transcript in place (a session that just ended), runs the hook command exactly as
 *    written in settings.json through `sh -c` with a SessionEnd payload on stdin, and measures
 *    - return: until the hook command exits (what Claude Code waits for; budget 1.5 s),
 *    - stored: until the session's row is in data.db (polled read-only every 5 ms),
 *    - worker: until the background sync released its lock (named transcript first, then the catch-up scan).
 *    Runs are sequential; each waits for the previous worker to finish.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN_RUN = path.join(REPO, 'bin', 'run.js');
const GEN = path.resolve(REPO, '../shared/tools/gen-corpus.mjs');

const args = { sessions: 4600, projects: 40, mb: 300, runs: 20, seed: 7, keep: false };
for (let i = 2; i < process.argv.length; i++) {
  const flag = process.argv[i];
  if (flag === '--keep') args.keep = true;
  else if (flag?.startsWith('--')) args[flag.slice(2)] = Number(process.argv[++i]);
}

/** Read-only handle on the store, opened once it exists. */
let db;

const root = mkdtempSync(path.join(tmpdir(), 'ci-hook-bench-'));
const claudeDir = path.join(root, 'claude');
const ciHome = path.join(root, 'ci-home');
const held = path.join(root, 'held');
const env = {
  ...process.env,
  HOME: path.join(root, 'home'),
  XDG_CONFIG_HOME: path.join(root, 'home/.config'),
  XDG_DATA_HOME: path.join(root, 'home/.local/share'),
  XDG_CACHE_HOME: path.join(root, 'home/.cache'),
  CODE_INSIGHTS_HOME: ciHome,
  CLAUDE_CONFIG_DIR: claudeDir,
  NO_COLOR: '1',
  METADATA_SERVER_DETECTION: 'none',
};
mkdirSync(env.HOME, { recursive: true });

try {
  await main();
} finally {
  if (args.keep) console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

async function main() {
  if (!existsSync(path.join(REPO, 'dist/src/commands/sync.js'))) throw new Error('run npm run build first');
  let t = performance.now();
  run(process.execPath, [GEN, '--out', claudeDir, '--projects', args.projects, '--sessions', args.sessions, '--mb', args.mb, '--seed', args.seed].map(String));
  const transcripts = listJsonl(path.join(claudeDir, 'projects'));
  const bytes = transcripts.reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`corpus: ${transcripts.length} transcripts, ${(bytes / 2 ** 20).toFixed(0)} MiB, generated in ${seconds(t)}`);

  // Main sessions without subagent folders, spread over the corpus: each becomes a session that "just ended".
  const candidates = transcripts.filter((file) => {
    const name = path.basename(file, '.jsonl');
    return /^[0-9a-f-]{36}$/.test(name) && !file.includes('/subagents/') && !existsSync(path.join(path.dirname(file), name));
  });
  const step = Math.floor(candidates.length / args.runs);
  const chosen = Array.from({ length: args.runs }, (_, i) => candidates[i * step]);
  mkdirSync(held);
  for (const [i, file] of chosen.entries()) renameSync(file, path.join(held, `${i}.jsonl`));

  t = performance.now();
  run(process.execPath, [BIN_RUN, 'sync', '-q'], { stdin: 'ignore' });
  console.log(`initial sync of ${transcripts.length - chosen.length} transcripts: ${seconds(t)}`);

  run(process.execPath, [BIN_RUN, 'install-hook']);
  const settings = JSON.parse(readFileSync(path.join(claudeDir, 'settings.json'), 'utf8'));
  const command = settings.hooks.SessionEnd[0].hooks[0].command;
  console.log(`hook command: ${command}`);

  const rows = [];
  for (const [i, file] of chosen.entries()) {
    renameSync(path.join(held, `${i}.jsonl`), file);
    const sessionId = path.basename(file, '.jsonl');
    const started = performance.now();
    const { code, stdout, ms: returnMs } = await runHook(command, { session_id: sessionId, transcript_path: file, cwd: root, hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' });
    if (code !== 0 || stdout !== '') throw new Error(`hook run ${i}: exit ${code}, stdout ${JSON.stringify(stdout)}`);
    const storedMs = (await pollUntil(() => isStored(sessionId), 120_000)) - started;
    const workerMs = (await pollUntil(() => !existsSync(path.join(ciHome, 'sync.lock')), 300_000)) - started;
    rows.push({ returnMs, storedMs, workerMs });
    console.log(`run ${String(i + 1).padStart(2)}: return ${returnMs.toFixed(0)} ms, stored ${storedMs.toFixed(0)} ms, worker done ${workerMs.toFixed(0)} ms`);
  }
  const hookState = JSON.parse(readFileSync(path.join(ciHome, 'hook-state.json'), 'utf8'));
  const summary = {
    transcripts: transcripts.length,
    runs: rows.length,
    returnMs: stats(rows.map((row) => row.returnMs)),
    storedMs: stats(rows.map((row) => row.storedMs)),
    workerDoneMs: stats(rows.map((row) => row.workerMs)),
    lastHookRun: hookState.lastRun,
  };
  console.log(JSON.stringify(summary, null, 2));
}

/** The hook as Claude Code runs it: sh -c, payload on stdin. Resolves when the command exits. */
function runHook(commandLine, payload) {
  const started = performance.now();
  const child = spawn('/bin/sh', ['-c', commandLine], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(payload));
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, ms: performance.now() - started })));
}

function isStored(sessionId) {
  const file = path.join(ciHome, 'data.db');
  if (!db) {
    if (!existsSync(file)) return false;
    db = new DatabaseSync(file, { readOnly: true });
  }
  try {
    return db.prepare('SELECT 1 AS found FROM sessions WHERE id = ?').get(sessionId) !== undefined;
  } catch {
    return false; // busy during a checkpoint: try again
  }
}

async function pollUntil(ok, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`not done within ${deadlineMs} ms`);
    await delay(5);
  }
  return performance.now();
}

function run(bin, argv, options = {}) {
  const result = spawnSync(bin, argv, { cwd: root, env, encoding: 'utf8', stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`${path.basename(argv[0])} ${argv.slice(1, 3).join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

function listJsonl(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: Math.round(median), p90: Math.round(at(0.9)), min: Math.round(sorted[0]), max: Math.round(sorted.at(-1)) };
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
