#!/usr/bin/env node
// Throughput of the Claude Code source's parse against a floor (read every line and JSON.parse it).
// Usage (after `npm run build`): npx node bench/parse-throughput.mjs [--corpus DIR] [--mb 50] [--increment-bytes N] [--runs 5]
// CCS_DIST=DIR imports a build made elsewhere (tsc --outDir DIR, inside the repo so node_modules resolve; .bench/ is ignored); by default tsc's build/. Without --corpus it generates a corpus with shared/tools/gen-corpus.mjs in a temp dir (removed afterwards).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.env.CCS_DIST ?? path.join(repo, 'build'));
const { claudeCodeSource } = await import(pathToFileURL(path.join(dist, 'plugins-builtin/claude-code-source/index.js')).href);
const { createSyncHooks } = await import(pathToFileURL(path.join(dist, 'src/pipeline/sync-hooks.js')).href);

const args = { mb: '50', runs: '5' };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = process.argv[i + 1];

let tmp = null;
let corpus = args.corpus;
if (!corpus) {
  tmp = mkdtempSync(path.join(tmpdir(), 'ccs-bench-'));
  corpus = path.join(tmp, 'corpus');
  execFileSync(process.execPath, [path.join(repo, '../shared/tools/gen-corpus.mjs'), '--out', corpus, '--projects', '8', '--sessions', '300', '--mb', args.mb, '--seed', '5'], { stdio: 'inherit' });
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const run = { force: false, dryRun: false, project: null, cwd: repo, home: tmpdir(), device: { id: '', hostname: '', platform: '' },
  limits: { messageText: 20000, thinking: 20000, toolInput: 4000, toolResult: 8000 }, logger: silent, signal: new AbortController().signal };
const hooks = createSyncHooks();
const plugin = claudeCodeSource({ roots: [corpus] });
await plugin.apply(hooks, { options: { roots: [corpus] }, logger: silent, stateDir: tmpdir(), signal: run.signal, origin: { kind: 'builtin' } });
const files = await hooks.discover.promise([], run);
const bytes = files.reduce((sum, f) => sum + f.size, 0);
const MiB = 1024 * 1024;

function floor() {
  let records = 0;
  for (const file of files) {
    for (const line of readFileSync(file.path, 'utf8').split('\n')) {
      if (!line) continue;
      try { JSON.parse(line); records++; } catch {}
    }
  }
  return records;
}

async function ours(maxBytes) {
  let records = 0;
  let messages = 0;
  for (const file of files) {
    let offset = 0;
    let fold;
    for (;;) {
      const result = await hooks.parse.promise({ file, offset, fold, maxBytes, related: [] }, run);
      records += result.stats.records;
      messages += result.batch.messages.length;
      // As the runner does: the fold goes to disk and comes back between increments.
      fold = maxBytes < Number.MAX_SAFE_INTEGER ? JSON.parse(JSON.stringify(result.fold)) : result.fold;
      offset = result.endOffset;
      if (result.complete) break;
    }
  }
  return { records, messages };
}

// Rounds interleave the three measurements so background load hits them alike; medians are reported.
const incrementBytes = Number(args.incrementBytes ?? MiB);
const samples = { floor: [], one: [], inc: [] };
let counts;
for (let i = 0; i < Number(args.runs); i++) {
  for (const [name, fn] of [['floor', floor], ['one', () => ours(Number.MAX_SAFE_INTEGER)], ['inc', () => ours(incrementBytes)]]) {
    const start = performance.now();
    const out = await fn();
    samples[name].push(performance.now() - start);
    if (name === 'one') counts = out;
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = { ms: median(samples.floor), out: floor() };
const one = { ms: median(samples.one), out: counts };
const inc = { ms: median(samples.inc) };
const rate = (ms) => (bytes / MiB / (ms / 1000)).toFixed(1);
console.log(`corpus: ${files.length} files, ${(bytes / MiB).toFixed(1)} MiB, ${f.out} records`);
console.log(`floor (readFileSync + split + JSON.parse): ${rate(f.ms)} MiB/s (${f.ms.toFixed(0)} ms)`);
console.log(`parse, one pass per file:                 ${rate(one.ms)} MiB/s (${one.ms.toFixed(0)} ms, ${(one.ms / f.ms).toFixed(2)}x floor, ${one.out.messages} messages)`);
console.log(`parse, ${(incrementBytes / MiB).toFixed(2)} MiB increments + fold JSON:   ${rate(inc.ms)} MiB/s (${inc.ms.toFixed(0)} ms, ${(inc.ms / f.ms).toFixed(2)}x floor)`);
if (one.out.records !== f.out) console.log(`WARNING: parse saw ${one.out.records} records, floor ${f.out}`);
if (tmp) rmSync(tmp, { recursive: true, force: true });
