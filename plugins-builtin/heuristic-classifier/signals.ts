/** The numbers the classifier looks at, computed from the folded session record only. */
import type { SessionRecord } from '../../src/records/types.js';
import { readPrompt, type Intent } from './prompt-intent.js';

/** Tool names per group of the tool mix. Unknown tools (MCP, TodoWrite…) count only toward the total. */
export const TOOL_GROUPS = {
  read: ['Read', 'Grep', 'Glob', 'LS', 'NotebookRead'],
  edit: ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'],
  bash: ['Bash', 'BashOutput', 'KillShell', 'KillBash'],
  agent: ['Task', 'Agent'],
  web: ['WebFetch', 'WebSearch'],
} as const;

/** Everything a rule may look at. Plain numbers (and the intent) so they can be stored as `characterSignals`. */
export interface Signals {
  humanPrompts: number;
  assistantMessages: number;
  toolCalls: number;
  readTools: number;
  editTools: number;
  bashTools: number;
  agentTools: number;
  webTools: number;
  toolErrors: number;
  /** toolErrors / toolCalls. */
  errorRate: number;
  /** editTools / toolCalls. */
  editShare: number;
  /** (readTools + agentTools) / toolCalls. */
  readShare: number;
  toolsPerPrompt: number;
  filesEdited: number;
  filesRead: number;
  questionPrompts: number;
  promptChars: number;
  compactions: number;
  durationMinutes: number;
  /** Intent of the first kept prompt that states one ('none' if none does). */
  intent: Intent | 'none';
  /** The first kept prompt opened with "quickly", "just"… */
  quickMarker: boolean;
  /** Kept prompts containing bug / refactor words anywhere. */
  bugWordPrompts: number;
  refactorWordPrompts: number;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole) : 0);

function groupCount(toolCounts: Record<string, number>, names: readonly string[]): number {
  return names.reduce((sum, name) => sum + (toolCounts[name] ?? 0), 0);
}

function minutesBetween(startedAt: string | null, endedAt: string | null): number {
  if (!startedAt || !endedAt) return 0;
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms > 0 ? round(ms / 60_000, 1) : 0;
}

/** Computes the signals of a session from its counters and digest (never from message text beyond the kept prompts). */
export function computeSignals(session: SessionRecord): Signals {
  const { digest } = session;
  const counted = Object.values(digest.toolCounts).reduce((sum, n) => sum + n, 0);
  const toolCalls = Math.max(session.toolCallCount, counted);
  const readTools = groupCount(digest.toolCounts, TOOL_GROUPS.read);
  const editTools = groupCount(digest.toolCounts, TOOL_GROUPS.edit);
  const agentTools = groupCount(digest.toolCounts, TOOL_GROUPS.agent);
  const readings = digest.prompts.map(readPrompt);
  const first = readings.find((reading) => reading.intent !== null || reading.quick);
  return {
    humanPrompts: session.humanPromptCount,
    assistantMessages: session.assistantMessageCount,
    toolCalls,
    readTools,
    editTools,
    bashTools: groupCount(digest.toolCounts, TOOL_GROUPS.bash),
    agentTools,
    webTools: groupCount(digest.toolCounts, TOOL_GROUPS.web),
    toolErrors: session.toolErrorCount,
    errorRate: ratio(session.toolErrorCount, toolCalls),
    editShare: ratio(editTools, counted),
    readShare: ratio(readTools + agentTools, counted),
    toolsPerPrompt: ratio(toolCalls, Math.max(1, session.humanPromptCount)),
    filesEdited: digest.filesEditedCount,
    filesRead: digest.filesReadCount,
    questionPrompts: digest.questionPrompts,
    promptChars: digest.promptChars,
    compactions: session.compactionCount,
    durationMinutes: minutesBetween(session.startedAt, session.endedAt),
    intent: first?.intent ?? 'none',
    quickMarker: first?.quick ?? false,
    bugWordPrompts: readings.filter((reading) => reading.bugWords).length,
    refactorWordPrompts: readings.filter((reading) => reading.refactorWords).length,
  };
}
