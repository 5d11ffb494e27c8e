/** Generates gen-corpus.mjs histories into temp dirs and reads their manifests (the independent truth). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_TOOLS } from './tmp-home.js';

function node(script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [path.join(CORPUS_TOOLS, script), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${result.stderr}`);
}

/** Writes a corpus to `dir` (a Claude config root: `dir/projects/...`). */
export function generateCorpus(dir: string, options: { projects: number; sessions: number; mb: number; seed: string; partialTail?: boolean; malformedRate?: number }): void {
  node('gen-corpus.mjs', [
    '--out', dir,
    '--projects', String(options.projects),
    '--sessions', String(options.sessions),
    '--mb', String(options.mb),
    '--seed', options.seed,
    ...(options.partialTail ? ['--partial-tail'] : []),
    ...(options.malformedRate ? ['--malformed-rate', String(options.malformedRate)] : []),
  ]);
}

/** Grows an existing corpus (and completes a pending partial tail first). */
export function appendCorpus(dir: string, mb: number, options: { partialTail?: boolean } = {}): void {
  node('gen-corpus.mjs', ['--out', dir, '--append-mb', String(mb), ...(options.partialTail ? ['--partial-tail'] : [])]);
}

/** Checks the corpus against its manifest with the shared verifier. */
export function verifyCorpus(dir: string): void {
  node('verify-corpus.mjs', [dir]);
}

type U = { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };

export interface ManifestFile {
  sessionId: string;
  kind: 'main' | 'subagent' | 'compaction';
  agentId?: string;
  parentSessionId?: string;
  cwd: string;
  humanPromptCount: number;
  assistantMessageCount: number;
  toolCallCount: number;
  toolErrorCount: number;
  compactionCount: number;
  unknownRecordCount: number;
  usage: U;
  models: string[];
  firstTimestamp: string;
  lastTimestamp: string;
}

export interface Manifest {
  files: Record<string, ManifestFile>;
  sessions: Record<string, { usage: U; character: string; title: { expected: string | null; source: string | null }; file: string }>;
  totals: { files: number; malformed: { invalidJson: number; nonObject: number; blank: number } };
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Our usage shape from the manifest's. */
export function toUsage(u: U) {
  return { inputTokens: u.input_tokens, outputTokens: u.output_tokens, cacheCreationTokens: u.cache_creation_input_tokens, cacheReadTokens: u.cache_read_input_tokens };
}

/** The session id code-insights gives a manifest file. */
export function sessionIdOf(file: ManifestFile): string {
  return file.kind === 'main' ? file.sessionId : `${file.parentSessionId ?? file.sessionId}:agent-${file.agentId}`;
}
