/**
 * First-sync write throughput of the SQLite store against the budget's baseline (read +
 * JSON.parse of the same files). A measurement, not a test:
 *   CI_BENCH_MB=500 npx node test/plugins-builtin/sqlite-sink/run-bench.mjs
 * (CI_BENCH_CORPUS=<dir> reuses a generated corpus). Prints one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../plugins-builtin/sqlite-sink/index.js';
import { CORPUS_TOOLS } from '../../test/helpers/tmp-home.js';
import { corpusBatches, listTranscripts, readAndParse, totalBytes } from './corpus-batches.js';

/** CPU time (user + system) since `start`, in ms: steadier than wall time on a shared machine. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}

/** Generates (or reuses) a corpus, times the baseline and the store, and returns the numbers. */
export function measureWriteThroughput(): Record<string, number> {
  const work = mkdtempSync(path.join(tmpdir(), 'ci-sqlite-bench-'));
  try {
    let corpus = process.env['CI_BENCH_CORPUS'];
    if (!corpus) {
      corpus = path.join(work, 'corpus');
      const mb = process.env['CI_BENCH_MB'] ?? '50';
      const sessions = String(Math.max(30, Number(mb) * 4));
      execFileSync(process.execPath, [path.join(CORPUS_TOOLS, 'gen-corpus.mjs'), '--out', corpus, '--projects', '8', '--sessions', sessions, '--mb', mb, '--seed', '7']);
    }
    const files = listTranscripts(corpus);
    readAndParse(files); // warm the page cache so both timings read from memory
    let t = performance.now();
    let cpu = process.cpuUsage();
    const records = readAndParse(files);
    const baselineMs = performance.now() - t;
    const baselineCpuMs = cpuMs(cpu);

    const batches = corpusBatches(files);
    const messages = batches.reduce((n, b) => n + b.messages.length, 0);
    const toolCalls = batches.reduce((n, b) => n + b.messages.reduce((k, m) => k + m.toolCalls.length, 0), 0);
    t = performance.now();
    cpu = process.cpuUsage();
    const store = SqliteStore.open(path.join(work, 'data.db'));
    for (const batch of batches) store.writeBatch(batch);
    const writeMs = performance.now() - t;
    store.close();
    const totalMs = performance.now() - t;
    const sinkCpuMs = cpuMs(cpu);

    const again = SqliteStore.open(path.join(work, 'data.db'));
    t = performance.now();
    for (const batch of batches) again.writeBatch(batch);
    const rewriteMs = performance.now() - t;
    again.close();

    return {
      corpusMiB: Number((totalBytes(files) / 2 ** 20).toFixed(1)),
      transcripts: files.length,
      records,
      messages,
      toolCalls,
      baselineMs: Math.round(baselineMs),
      baselineCpuMs,
      sinkWriteMs: Math.round(writeMs),
      sinkWithCloseMs: Math.round(totalMs),
      sinkCpuMs,
      messagesPerSecond: Math.round(messages / (writeMs / 1000)),
      sinkOverBaseline: Number((totalMs / baselineMs).toFixed(2)),
      sinkOverBaselineCpu: Number((sinkCpuMs / baselineCpuMs).toFixed(2)),
      unchangedResyncMs: Math.round(rewriteMs),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
