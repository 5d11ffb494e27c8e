/** Test harness: a real hooks object with the plugin applied, a hand-made SyncRun, corpus generation, chunked parsing. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { claudeCodeSource, type ClaudeCodeSourceOptions } from '../../../plugins-builtin/claude-code-source/index.js';
import { resolveOptionsSchema } from '../../../src/plugins/define-plugin.js';
import { createSyncHooks, type SyncHooks } from '../../../src/pipeline/sync-hooks.js';
import type { ContentLimits, Logger, ParseRequest, ParseResult, PluginContext, SyncRun } from '../../../src/plugins/types.js';
import type { MessageRecord, SourceFile } from '../../../src/records/types.js';
import { CORPUS_TOOLS } from '../../helpers/tmp-home.js';

export const LIMITS: ContentLimits = { messageText: 4000, thinking: 2000, toolInput: 1000, toolResult: 1500 };
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A SyncRun as the runner would build it. */
export function makeRun(limits: ContentLimits = LIMITS): SyncRun {
  return {
    force: false,
    dryRun: false,
    project: null,
    cwd: process.cwd(),
    home: '/nonexistent-home',
    device: { id: 'dev', hostname: 'host', platform: 'linux' },
    limits,
    logger: silent,
    signal: new AbortController().signal,
  };
}

/** Fresh hooks with the plugin applied (options go through the plugin's own schema, as the loader would). */
export async function makeHooks(options: ClaudeCodeSourceOptions = {}): Promise<SyncHooks> {
  const hooks = createSyncHooks();
  const plugin = claudeCodeSource();
  const schema = await resolveOptionsSchema(plugin);
  const context: PluginContext<ClaudeCodeSourceOptions> = {
    options: schema ? schema.parse(options) : options,
    logger: silent,
    stateDir: '/nonexistent-state',
    signal: new AbortController().signal,
    origin: { kind: 'builtin' },
  };
  await plugin.apply(hooks, context);
  return hooks;
}

/** Runs gen-corpus.mjs with the pinned Node. */
export function genCorpus(args: string[]): void {
  execFileSync(process.execPath, [path.join(CORPUS_TOOLS, 'gen-corpus.mjs'), ...args], { stdio: 'pipe' });
}

const count = z.number();
const WireUsage = z.object({ input_tokens: count, output_tokens: count, cache_creation_input_tokens: count, cache_read_input_tokens: count });
const LineList = z.array(count).optional();
/** The manifest fields the tests compare (CORPUS.md). */
const Manifest = z.object({
  files: z.record(
    z.string(),
    z.looseObject({
      sessionId: z.string(),
      kind: z.enum(['main', 'subagent', 'compaction']),
      agentId: z.string().optional(),
      parentSessionId: z.string().optional(),
      cwd: z.string().nullable(),
      lines: count,
      firstTimestamp: z.string().nullable(),
      lastTimestamp: z.string().nullable(),
      humanPromptCount: count,
      assistantMessageCount: count,
      toolCallCount: count,
      toolErrorCount: count,
      compactionCount: count,
      unknownRecordCount: count,
      models: z.array(z.string()),
      usage: WireUsage,
      metaFile: z.string().optional(),
      partialTail: z.boolean().optional(),
      injected: z.object({ blank: LineList, invalidJson: LineList, nonObject: LineList }).optional(),
    }),
  ),
  sessions: z.record(z.string(), z.looseObject({ usage: WireUsage, files: z.array(z.string()), title: z.object({ expected: z.string().nullable() }) })),
  totals: z.looseObject({ lines: count }),
});
export type Manifest = z.infer<typeof Manifest>;

/** Reads a corpus manifest. */
export function readManifest(dir: string): Manifest {
  return Manifest.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}

/** Manifest-style usage from a record's usage. */
export function wireUsage(u: { inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number }) {
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens, cache_creation_input_tokens: u.cacheCreationTokens, cache_read_input_tokens: u.cacheReadTokens };
}

/** What parsing a transcript to its end gave: the last result, its fold (JSON round-tripped) and the message set. */
export interface Parsed {
  last: ParseResult;
  fold: unknown;
  endOffset: number;
  messages: Map<string, MessageRecord>;
  calls: number;
  records: number;
  malformed: number;
}

/** Parses `file` through the hooks from `from` (offset + fold + earlier messages) in `maxBytes` steps until complete. */
export async function parseToEnd(
  hooks: SyncHooks,
  run: SyncRun,
  file: SourceFile,
  options: { maxBytes?: number; related?: ParseRequest['related']; from?: Parsed; sameFoldObject?: boolean } = {},
): Promise<Parsed> {
  let offset = options.from?.endOffset ?? 0;
  let fold = options.from?.fold;
  const messages = new Map(options.from?.messages ?? []);
  let calls = 0;
  let records = 0;
  let malformed = 0;
  for (;;) {
    const result = await hooks.parse.promise({ file, offset, fold, maxBytes: options.maxBytes ?? Number.MAX_SAFE_INTEGER, related: options.related ?? [] }, run);
    if (result === undefined) throw new Error(`no source parsed ${file.path}`);
    calls++;
    records += result.stats.records;
    malformed += result.stats.malformedLines;
    for (const message of result.batch.messages) messages.set(message.id, message);
    // Between runs the fold comes back from disk (a JSON copy); within a run the runner hands back the same object.
    fold = options.sameFoldObject ? result.fold : JSON.parse(JSON.stringify(result.fold));
    offset = result.endOffset;
    if (result.complete) return { last: result, fold, endOffset: offset, messages, calls, records, malformed };
  }
}

/** Children (subagent, compaction) before mains, so mains can be given their children's folds. */
export function childrenFirst(files: readonly SourceFile[]): SourceFile[] {
  return [...files.filter((f) => f.kind !== 'main'), ...files.filter((f) => f.kind === 'main')];
}
