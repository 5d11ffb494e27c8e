/** The `sessions --json` contract and the human table, from stored SessionRecords. */
import type { SessionRecord } from '../records/types.js';
import { printable } from './printable.js';
import { shortSessionId } from './session-ref.js';

/** One element of `sessions --json` (a machine contract: scripts and tests rely on these keys). */
export function sessionJson(s: SessionRecord) {
  return {
    id: s.id,
    projectId: s.projectId,
    projectName: s.projectName,
    projectPath: s.projectPath,
    kind: s.kind,
    parentSessionId: s.parentSessionId,
    agentId: s.agentId,
    agentType: s.agentType,
    title: s.customTitle ?? s.title,
    titleSource: s.customTitle ? 'user' : s.titleSource,
    character: s.character,
    characterSignals: s.characterSignals,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    messageCount: s.messageCount,
    humanPromptCount: s.humanPromptCount,
    assistantMessageCount: s.assistantMessageCount,
    toolCallCount: s.toolCallCount,
    toolErrorCount: s.toolErrorCount,
    compactionCount: s.compactionCount,
    usage: s.usage,
    usageWithSubagents: s.usageWithSubagents,
    costUsd: s.costUsd,
    unpricedModels: s.unpricedModels,
    models: s.models,
    gitBranch: s.gitBranch,
    claudeVersion: s.claudeVersion,
    device: s.device,
    sourcePath: s.sourcePath,
  };
}

export type SessionJson = ReturnType<typeof sessionJson>;

const CHARACTER_LABEL: Record<string, string> = {
  deep_focus: 'deep focus',
  bug_hunt: 'bug hunt',
  feature_build: 'feature build',
  exploration: 'exploration',
  refactor: 'refactor',
  learning: 'learning',
  quick_task: 'quick task',
};

/** A character as people say it (`bug hunt`), or `-` for none. */
export function characterLabel(character: string | null): string {
  return CHARACTER_LABEL[character ?? ''] ?? '-';
}

/** Fixed-width rows for a terminal. */
export function sessionTable(sessions: SessionRecord[], width = process.stdout.columns ?? 120): string[] {
  if (sessions.length === 0) return [];
  const titleWidth = Math.max(20, width - 10 - 16 - 14 - 18 - 8 - 8);
  const rows = sessions.map((s) => [
    printable(shortSessionId(s.id)),
    (s.startedAt ?? '').slice(0, 16).replace('T', ' '),
    characterLabel(s.character),
    clip(printable(s.projectName), 18),
    String(s.messageCount),
    clip(`${s.kind === 'main' ? '' : '↳ '}${printable(s.customTitle ?? s.title ?? '(untitled)')}`, titleWidth),
  ]);
  const header = ['id', 'started', 'character', 'project', 'msgs', 'title'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** `text` cut to `max` characters (code points), ending in … when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
