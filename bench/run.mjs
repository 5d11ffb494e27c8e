#!/usr/bin/env node
// npm run bench: sync performance as ratios to floors measured in the same run (issue 3).
//   1. first full sync of a ~500 MiB history   vs  a plain script that reads every file and JSON.parses every line
//   2. no-op sync of that history              vs  `code-insights --version`
//   3. one transcript grown by 5 MiB           vs  no-op sync + the floor script on those 5 MiB
// Corpus and homes live in .bench/ (git-ignored). BENCH_MB / BENCH_SESSIONS / BENCH_RUNS / BENCH_FULL_RUNS scale it down;
// BENCH_PARTS (e.g. "3" or "2,3") runs only those parts, on the home an earlier run of part 1 left.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repo, '.bench');
const MB = Number(process.env.BENCH_MB ?? 500);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 3800);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const FULL_RUNS = Number(process.env.BENCH_FULL_RUNS ?? 5);
const PARTS = new Set((process.env.BENCH_PARTS ?? '1,2,3').split(',').map(Number));
const corpus = path.join(work, `corpus-${MB}mb-${SESSIONS}s`);
const bin = path.join(repo, 'bin/run.js');
const floorScript = path.join(repo, 'bench/floor-parse.mjs');

mkdirSync(work, { recursive: true });
if (!existsSync(path.join(corpus, 'manifest.json'))) {
  console.log(`generating ${MB} MiB corpus (${SESSIONS} sessions)…`);
  execFileSync(process.execPath, [path.join(repo, '../shared/tools/gen-corpus.mjs'), '--out', corpus, '--projects', '40', '--sessions', String(SESSIONS), '--mb', String(MB), '--seed', 'bench'], { stdio: 'inherit' });
}
const files = listJsonl(path.join(corpus, 'projects'));
console.log(`corpus: ${files.length} transcripts, ${(files.reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20).toFixed(0)} MiB`);
// The transcript that part 3 grows gets whole-second times now, so putting them back after each growth is exact
// (fractions do not always survive the trip through utimes).
const target = files[0];
const seconds = (ms) => Math.floor(ms / 1000);
utimesSync(target, seconds(statSync(target).atimeMs), seconds(statSync(target).mtimeMs));

const home = path.join(work, 'home');
const env = (ciHome) => ({ ...process.env, HOME: home, CODE_INSIGHTS_HOME: ciHome, CLAUDE_CONFIG_DIR: corpus, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share') });

/** Wall seconds (to the millisecond; GNU time's own figure has 10 ms steps) and peak RSS (MiB, via GNU time) of one process. */
function timed(args, options = {}) {
  const out = path.join(work, 'time.txt');
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', ...options });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, rss: Number(readFileSync(out, 'utf8').trim()) / 1024 };
}

// 1. First full sync vs the floor, in pairs (floor, sync, floor, sync…): the ratio of each pair, then their median,
//    holds when the machine's speed drifts between pairs.
const ciFull = path.join(work, 'ci-full');
if (PARTS.has(1)) {
  timed([floorScript, corpus]); // warm the page cache, so neither side pays for cold reads
  const pairs = Array.from({ length: FULL_RUNS }, () => {
    const floor = timed([floorScript, corpus]);
    rmSync(ciFull, { recursive: true, force: true });
    const full = timed([bin, 'sync', '-q'], { env: env(ciFull) });
    return { floor, full, ratio: full.wall / floor.wall };
  });
  const mid = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(pairs.length / 2)];
  const peak = Math.max(...pairs.map((p) => p.full.rss));
  console.log(`first full sync: ${mid.full.wall.toFixed(2)} s vs floor ${mid.floor.wall.toFixed(2)} s → ${mid.ratio.toFixed(2)}× (median of ${FULL_RUNS} pairs: ${pairs.map((p) => p.ratio.toFixed(2)).join(', ')}; goal ≤ 2.5×); peak RSS ${peak.toFixed(0)} MB (runs: ${pairs.map((p) => p.full.rss.toFixed(0)).join(', ')}; goal ≤ 300)`);
} else if (!existsSync(path.join(ciFull, 'sync-state.json'))) {
  timed([bin, 'sync', '-q'], { env: env(ciFull) });
}

// 2. No-op sync vs --version, in pairs like 1 (both pay the same process start). The first no-op after the sync is
//    timed on its own too (it uses the idle mark the sync left; a sync that failed anywhere leaves none).
if (PARTS.has(2)) {
  const firstNoop = timed([bin, 'sync', '-q'], { env: env(ciFull) }).wall;
  const noopPairs = Array.from({ length: RUNS }, () => {
    const version = timed([bin, '--version'], { env: env(ciFull) }).wall;
    const noop = timed([bin, 'sync', '-q'], { env: env(ciFull) }).wall;
    return { version, noop, ratio: noop / version };
  });
  const noopMid = [...noopPairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(RUNS / 2)];
  console.log(`no-op sync: ${(noopMid.noop * 1000).toFixed(0)} ms vs --version ${(noopMid.version * 1000).toFixed(0)} ms → ${noopMid.ratio.toFixed(2)}× (median of ${RUNS} pairs: ${noopPairs.map((p) => p.ratio.toFixed(2)).join(', ')}; goal ≤ 1.5×); the first no-op right after the sync: ${(firstNoop * 1000).toFixed(0)} ms`);
}

// 3. One transcript grown by 5 MiB of complete lines (copied from other transcripts of the corpus); each run starts
//    from a copy of the synced home, so every run syncs the same growth. Measured in triples (no-op, floor on the
//    5 MiB, growth), each growth against the budget of its own triple.
if (PARTS.has(3)) {
  const chunk = path.join(work, 'grow-5mib.jsonl');
  writeFileSync(chunk, collectLines(files.slice(1), 5 * 2 ** 20));
  const original = statSync(target);
  const ciGrow = path.join(work, 'ci-grow');
  const growTriples = Array.from({ length: RUNS }, () => {
    const noop = timed([bin, 'sync', '-q'], { env: env(ciFull) }).wall;
    const floor5 = timed([floorScript, chunk]).wall;
    rmSync(ciGrow, { recursive: true, force: true });
    cpSync(ciFull, ciGrow, { recursive: true });
    // A copied state file has a new inode, so the idle mark no longer matches it; in a real home the last sync left a
    // mark for the state file as it is. An untimed no-op sync on the copy leaves that mark.
    timed([bin, 'sync', '-q'], { env: env(ciGrow) });
    // On disk before the run: else the sync's first fsync also writes out the fresh copy of the store.
    execFileSync('sync');
    appendFileSync(target, readFileSync(chunk));
    try {
      const grown = timed([bin, 'sync', '-q'], { env: env(ciGrow) }).wall;
      return { grown, noop, floor5, budget: noop + floor5, ratio: grown / (noop + floor5) };
    } finally {
      // Leave the corpus as generated, mtime included: else the next "no-op" would find the transcript changed.
      truncateSync(target, original.size);
      utimesSync(target, original.atimeMs / 1000, original.mtimeMs / 1000); // whole seconds (see the top)
      if (statSync(target).mtimeMs !== original.mtimeMs) throw new Error(`could not restore the mtime of ${target}`);
    }
  });
  const growMid = [...growTriples].sort((a, b) => a.ratio - b.ratio)[Math.floor(RUNS / 2)];
  if (process.env.BENCH_VERBOSE) for (const t of growTriples) console.log(`  grown ${(t.grown * 1000).toFixed(0)} ms, no-op ${(t.noop * 1000).toFixed(0)} ms, floor ${(t.floor5 * 1000).toFixed(0)} ms`);
  console.log(`5 MiB growth: ${(growMid.grown * 1000).toFixed(0)} ms vs no-op + floor(5 MiB) ${(growMid.budget * 1000).toFixed(0)} ms → ${growMid.ratio.toFixed(2)}× (median of ${RUNS}: ${growTriples.map((t) => t.ratio.toFixed(2)).join(', ')}; goal ≤ 1.2×)`);
}

function listJsonl(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

function collectLines(sources, bytes) {
  const parts = [];
  let size = 0;
  for (const file of sources) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.startsWith('{"')) continue;
      parts.push(`${line}\n`);
      size += Buffer.byteLength(line) + 1;
      if (size >= bytes) return parts.join('');
    }
  }
  return parts.join('');
}
