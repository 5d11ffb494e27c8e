/**
 * The plugin against generated corpora: every file's counts, usage and identity equal the manifest
 * (CORPUS.md, independently checked by verify-corpus.mjs), and main sessions' roll-ups equal the
 * manifest's session usage when given their children's folds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncHooks } from '../../../src/pipeline/sync-hooks.js';
import type { SourceFile } from '../../../src/records/types.js';
import { childrenFirst, genCorpus, makeHooks, makeRun, parseToEnd, readManifest, wireUsage, type Manifest, type Parsed } from './harness.js';

const run = makeRun();
/** Limits small enough that assistant messages are cut while their lines are still being merged. */
const tightRun = makeRun({ messageText: 300, thinking: 200, toolInput: 200, toolResult: 300 });

/**
 * Parses a corpus to its end, children first, handing mains their children's folds. With `from`,
 * each file continues from its earlier cursor and fold; `maxBytes` sets the increment size.
 */
async function parseCorpus(
  hooks: SyncHooks,
  files: readonly SourceFile[],
  options: { maxBytes?: number; from?: Map<string, Parsed>; syncRun?: typeof run; sameFoldObject?: boolean } = {},
): Promise<Map<string, Parsed>> {
  const parsed = new Map<string, Parsed>();
  const foldsBySession = new Map<string, Array<{ file: SourceFile; fold: unknown }>>();
  for (const file of childrenFirst(files)) {
    const related = file.kind === 'main' ? (foldsBySession.get(path.basename(file.path, '.jsonl')) ?? []) : [];
    const from = options.from?.get(file.path);
    const result = await parseToEnd(hooks, options.syncRun ?? run, file, { related, maxBytes: options.maxBytes, from, sameFoldObject: options.sameFoldObject });
    parsed.set(file.path, result);
    const sid = result.last.batch.file.sessionId;
    if (file.kind !== 'main' && sid !== undefined) foldsBySession.set(sid, [...(foldsBySession.get(sid) ?? []), { file, fold: result.fold }]);
  }
  return parsed;
}

function expectMatchesManifest(corpus: string, manifest: Manifest, files: readonly SourceFile[], parsed: Map<string, Parsed>): void {
  expect(files.map((f) => path.relative(corpus, f.path)).sort()).toEqual(Object.keys(manifest.files).sort());
  for (const file of files) {
    const rel = path.relative(corpus, file.path);
    const m = manifest.files[rel]!;
    const { last, records, malformed } = parsed.get(file.path)!;
    const s = last.batch.session;
    const got = {
      sessionId: last.batch.file.sessionId,
      kind: s.kind,
      agentId: s.agentId ?? undefined,
      parentSessionId: s.parentSessionId ?? undefined,
      cwd: last.batch.cwd,
      lines: records,
      humanPromptCount: s.humanPromptCount,
      assistantMessageCount: s.assistantMessageCount,
      toolCallCount: s.toolCallCount,
      toolErrorCount: s.toolErrorCount,
      compactionCount: s.compactionCount,
      unknownRecordCount: s.unknownRecordCount,
      models: s.models,
      firstTimestamp: s.startedAt,
      lastTimestamp: s.endedAt,
      usage: wireUsage(s.usage),
      malformed: s.malformedLineCount,
      metaFile: file.metaPath === undefined ? undefined : path.relative(corpus, file.metaPath),
    };
    const injected = m.injected ?? {};
    const want = {
      sessionId: m.sessionId,
      kind: m.kind,
      agentId: m.agentId,
      parentSessionId: m.parentSessionId,
      cwd: m.cwd,
      lines: m.lines,
      humanPromptCount: m.humanPromptCount,
      assistantMessageCount: m.assistantMessageCount,
      toolCallCount: m.toolCallCount,
      toolErrorCount: m.toolErrorCount,
      compactionCount: m.compactionCount,
      unknownRecordCount: m.unknownRecordCount,
      models: m.models,
      firstTimestamp: m.firstTimestamp,
      lastTimestamp: m.lastTimestamp,
      usage: m.usage,
      malformed: (injected.blank?.length ?? 0) + (injected.invalidJson?.length ?? 0) + (injected.nonObject?.length ?? 0),
      metaFile: m.metaFile,
    };
    expect({ rel, ...got }).toEqual({ rel, ...want });
    expect(malformed).toBe(want.malformed);
    if (s.kind !== 'main') expect(s.usageWithSubagents).toEqual(s.usage);
  }
  for (const [sid, session] of Object.entries(manifest.sessions)) {
    const main = parsed.get(path.join(corpus, session.files.find((f) => path.basename(f) === `${sid}.jsonl`)!))!;
    const s = main.last.batch.session;
    expect({ sid, usage: wireUsage(s.usageWithSubagents) }).toEqual({ sid, usage: session.usage });
    expect({ sid, title: s.digest.customTitle ?? s.digest.aiTitle ?? s.digest.summary }).toEqual({ sid, title: session.title.expected });
  }
}

describe.each([
  { name: 'clean', args: ['--projects', '3', '--sessions', '40', '--mb', '3', '--seed', '11'] },
  { name: 'malformed + partial tail', args: ['--projects', '3', '--sessions', '30', '--mb', '2', '--seed', '23', '--malformed-rate', '0.02', '--partial-tail'] },
])('generated corpus ($name)', ({ args }) => {
  let dir: string;
  let corpus: string;
  let hooks: SyncHooks;
  let files: SourceFile[];
  let full: Map<string, Parsed>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccs-corpus-'));
    corpus = path.join(dir, 'corpus');
    genCorpus(['--out', corpus, ...args]);
    hooks = await makeHooks({ roots: [corpus] });
    files = await hooks.discover.promise([], run);
    full = await parseCorpus(hooks, files);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the manifest file by file and session by session', () => {
    expectMatchesManifest(corpus, readManifest(corpus), files, full);
  });

  it('gives the same sessions and messages when read in 4 KiB increments as in one pass', async () => {
    const once = await parseCorpus(hooks, files, { syncRun: tightRun });
    const chunked = await parseCorpus(hooks, files, { syncRun: tightRun, maxBytes: 4096 });
    expectSameResults(files, chunked, once);
    // The increments really were small (so the test exercises the fold).
    expect(Math.max(...[...chunked.values()].map((p) => p.calls))).toBeGreaterThan(20);
    // Within a run the runner hands back the very fold object it got (the plugin then reuses its live state).
    expectSameResults(files, await parseCorpus(hooks, files, { syncRun: tightRun, maxBytes: 4096, sameFoldObject: true }), once);
  });
});

function expectSameResults(files: readonly SourceFile[], got: Map<string, Parsed>, want: Map<string, Parsed>): void {
  for (const file of files) {
    const a = got.get(file.path)!;
    const b = want.get(file.path)!;
    expect(a.last.batch.session).toEqual(b.last.batch.session);
    expect({ cwd: a.last.batch.cwd, file: a.last.batch.file, end: a.endOffset }).toEqual({ cwd: b.last.batch.cwd, file: b.last.batch.file, end: b.endOffset });
    expect(a.messages.size).toBe(b.messages.size);
    expect(a.messages).toEqual(b.messages);
    expect(a.messages.size).toBe(a.last.batch.session.messageCount);
  }
}

describe('a corpus that grows (--append-mb) after a sync', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccs-append-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('continues each file from its cursor and fold to the same result as a fresh full pass', async () => {
    const corpus = path.join(dir, 'corpus');
    genCorpus(['--out', corpus, '--projects', '3', '--sessions', '30', '--mb', '2', '--seed', '31', '--partial-tail', '--malformed-rate', '0.01']);
    const hooks = await makeHooks({ roots: [corpus] });
    const before = await parseCorpus(hooks, await hooks.discover.promise([], tightRun), { syncRun: tightRun, maxBytes: 64 * 1024 });
    genCorpus(['--out', corpus, '--append-mb', '1', '--partial-tail']);
    const files = await hooks.discover.promise([], tightRun);
    const continued = await parseCorpus(hooks, files, { syncRun: tightRun, maxBytes: 4096, from: before });
    const fresh = await parseCorpus(hooks, files, { syncRun: tightRun });
    expectSameResults(files, continued, fresh);
    expect(files.length).toBeGreaterThan(before.size);
    // Some files grew and were continued rather than re-read.
    const grown = files.filter((f) => before.has(f.path) && continued.get(f.path)!.endOffset > before.get(f.path)!.endOffset);
    expect(grown.length).toBeGreaterThan(1);
    // The grown corpus still matches its (updated) manifest; records are counted once across both passes.
    const manifest = readManifest(corpus);
    expectMatchesManifest(corpus, manifest, files, fresh);
    const recordsSeen = [...continued.entries()].reduce((sum, [p, c]) => sum + c.records + (before.get(p)?.records ?? 0), 0);
    expect(recordsSeen).toBe(manifest.totals.lines);
  });
});
