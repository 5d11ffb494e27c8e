/** Turns a transcript's fold into its SessionRecord and identity. */
import path from 'node:path';
import { SCHEMA_VERSION, type SessionDigest, type SessionKind, type SessionRecord, type SourceFile } from '../../src/records/types.js';
import { resolveDedup, type DedupScope } from './dedup.js';
import type { FoldState } from './fold-state.js';

/** Claude Code, as the tool that wrote the transcript. */
export const SOURCE_TOOL = 'claude-code';
/** Edited files listed in the digest (the count stays exact). */
export const DIGEST_FILES_EDITED = 50;

/** Who a transcript is: its session id, owning session and agent id. */
export interface TranscriptIdentity {
  /** SessionRecord id: the file stem for main transcripts, `<parent>:agent-<agentId>` for children. */
  id: string;
  kind: SessionKind;
  /** The owning main session (null while a legacy agent file has shown no `sessionId` yet). */
  sessionId: string | null;
  parentSessionId: string | null;
  agentId: string | null;
}

/** File stem: `abc.jsonl` → `abc`. */
export function fileStem(filePath: string): string {
  return path.basename(filePath, '.jsonl');
}

/** Identity from the path (main, current subagent layout) or the file's first `sessionId` field (legacy agent files). */
export function transcriptIdentity(file: SourceFile, sessionIdField: string | null): TranscriptIdentity {
  const stem = fileStem(file.path);
  if (file.kind === 'main') return { id: stem, kind: 'main', sessionId: stem, parentSessionId: null, agentId: null };
  const agentId = file.agentId ?? (stem.startsWith('agent-') ? stem.slice('agent-'.length) : stem);
  const parent = file.sessionId ?? sessionIdField;
  return { id: parent === null ? `agent-${agentId}` : `${parent}:agent-${agentId}`, kind: file.kind, sessionId: parent, parentSessionId: parent, agentId };
}

/** The most common cwd of the transcript's records (ties: the first seen). */
export function mostCommonCwd(cwds: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [cwd, count] of cwds) {
    if (count > bestCount) {
      best = cwd;
      bestCount = count;
    }
  }
  return best;
}

/** The session as of the state; `related` are a main transcript's subagent scopes with their paths. */
export function buildSessionRecord(
  file: SourceFile,
  identity: TranscriptIdentity,
  state: FoldState,
  related: ReadonlyArray<{ path: string; scope: DedupScope }>,
  agentType: string | null,
): SessionRecord {
  const own = resolveDedup([state.usage]);
  let usageWithSubagents = own.usage;
  if (identity.kind === 'main' && related.length > 0) {
    // Ties between files go to the first in sorted relative-path order (same root, so absolute order agrees).
    const scopes = [{ path: file.path, scope: state.usage }, ...related].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    usageWithSubagents = resolveDedup(scopes.map((s) => s.scope)).usage;
  }
  return {
    id: identity.id,
    sourceTool: SOURCE_TOOL,
    kind: identity.kind,
    projectId: '',
    projectName: '',
    projectPath: '',
    parentSessionId: identity.parentSessionId,
    agentId: identity.agentId,
    agentType,
    sourcePath: file.path,
    title: null,
    titleSource: null,
    customTitle: null,
    character: null,
    characterSignals: null,
    startedAt: state.firstTimestamp,
    endedAt: state.lastTimestamp,
    gitBranch: state.gitBranch,
    claudeVersion: state.claudeVersion,
    models: [...state.models].sort(),
    messageCount: state.messages,
    humanPromptCount: state.humanPrompts,
    assistantMessageCount: state.assistantIds.size,
    toolCallCount: state.tools.size,
    toolErrorCount: state.toolErrors,
    compactionCount: state.compactions,
    unknownRecordCount: state.unknownRecords,
    malformedLineCount: state.malformedLines,
    usage: own.usage,
    usageByModel: own.byModel,
    usageWithSubagents,
    costUsd: null,
    unpricedModels: [],
    digest: buildDigest(state),
    device: { id: '', hostname: '', platform: '' },
    schemaVersion: SCHEMA_VERSION,
  };
}

function buildDigest(state: FoldState): SessionDigest {
  const toolCounts = new Map<string, number>();
  for (const name of state.tools.values()) toolCounts.set(name, (toolCounts.get(name) ?? 0) + 1);
  const filesEdited: string[] = [];
  for (const file of state.filesEdited) {
    if (filesEdited.length === DIGEST_FILES_EDITED) break;
    filesEdited.push(file);
  }
  return {
    customTitle: state.customTitle,
    aiTitle: state.aiTitle,
    summary: state.summary === null ? null : state.summary[0],
    prompts: [...state.prompts],
    toolCounts: Object.fromEntries([...toolCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    filesEdited,
    filesEditedCount: state.filesEdited.size,
    filesReadCount: state.filesRead.size,
    questionPrompts: state.questionPrompts,
    promptChars: state.promptChars,
  };
}
