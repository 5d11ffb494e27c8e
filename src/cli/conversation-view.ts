/** `show`: one stored session as a header and its messages in transcript order, for reading in a terminal. */
import type { MessageRecord, SessionRecord, ToolCall } from '../records/types.js';
import { printable } from './printable.js';
import { shortSessionId } from './session-ref.js';
import { characterLabel, clip } from './session-view.js';

/** Input fields that say what a tool call did, in the order they are looked for. */
const CALL_SUBJECT = ['file_path', 'command', 'pattern', 'path', 'url', 'query', 'description', 'prompt'];

export interface ConversationOptions {
  /** Show assistant thinking too. */
  thinking: boolean;
  width: number;
}

/** The lines `show` prints for `session`. */
export function conversationLines(session: SessionRecord, messages: ReadonlyArray<MessageRecord>, children: ReadonlyArray<SessionRecord>, options: ConversationOptions): string[] {
  const lines = [...headerLines(session, children), ''];
  for (const m of messages) {
    lines.push(`[${clock(m.timestamp)}] ${speaker(m)}`);
    for (const line of bodyLines(m, options)) lines.push(line.trim() === '' ? '' : `  ${line}`);
  }
  if (messages.length === 0) lines.push('(no messages stored)');
  return lines;
}

function headerLines(s: SessionRecord, children: ReadonlyArray<SessionRecord>): string[] {
  const facts = [
    printable(s.projectName),
    characterLabel(s.character),
    `${(s.startedAt ?? '?').slice(0, 16).replace('T', ' ')} → ${(s.endedAt ?? '?').slice(11, 16) || '?'}`,
    `${s.messageCount} messages`,
    ...(s.costUsd === null ? [] : [`$${s.costUsd.toFixed(2)}`]),
  ];
  const lines = [printable(s.customTitle ?? s.title ?? '(untitled)'), facts.join(' · '), `id ${s.id}`];
  if (s.kind !== 'main') lines.push(`${s.kind}${s.agentType ? ` (${printable(s.agentType)})` : ''} of session ${s.parentSessionId ?? '?'}`);
  for (const child of children) {
    lines.push(`  ↳ ${child.kind} ${printable(shortSessionId(child.id))}  ${printable(child.customTitle ?? child.title ?? '(untitled)')}`);
  }
  return lines;
}

function clock(timestamp: string | null): string {
  return timestamp?.slice(11, 19) || '--:--:--';
}

function speaker(m: MessageRecord): string {
  switch (m.kind) {
    case 'human_prompt':
      return 'you';
    case 'assistant':
      return m.model ? `claude (${printable(m.model)})` : 'claude';
    case 'tool_result':
      return 'tool results';
    case 'compact_summary':
      return 'summary of the conversation before (compacted)';
    default:
      return m.kind;
  }
}

function bodyLines(m: MessageRecord, options: ConversationOptions): string[] {
  const lines: string[] = [];
  if (options.thinking && m.thinking !== '') lines.push(...textLines(m.thinking).map((line) => `(thinking) ${line}`));
  if (m.text !== '') lines.push(...textLines(m.text));
  for (const call of m.toolCalls) lines.push(clip(`→ ${printable(call.name)} ${callSubject(call)}`.trimEnd(), options.width - 2));
  for (const result of m.toolResults) {
    const first = textLines(result.content).find((line) => line.trim() !== '') ?? '';
    lines.push(clip(`${result.isError ? '✗' : '✓'} ${first.trim()}`.trimEnd(), options.width - 2));
  }
  return lines;
}

/** The text's lines, each printable. */
function textLines(text: string): string[] {
  return text.split('\n').map(printable);
}

/** What a call worked on: its file, command, pattern… or else its input as JSON. */
function callSubject(call: ToolCall): string {
  let input: unknown;
  try {
    input = JSON.parse(call.input);
  } catch {
    // Capped inputs are cut JSON: show them as they are.
    return printable(call.input);
  }
  if (typeof input === 'object' && input !== null) {
    const fields = input as Record<string, unknown>;
    for (const key of CALL_SUBJECT) {
      const value = fields[key];
      if (typeof value === 'string' && value !== '') return printable(value);
    }
  }
  return printable(call.input);
}
