/**
 * MessageRecord → `messages` row parameters, for a sync, which loads no zod (the read half is message-row.ts).
 * Writing is the hot path of a first sync: positional parameters, no per-row objects beyond the array.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { MessageRecord } from '../../src/records/types.js';

/** Columns of the message upsert, in the order of `messageParams`. */
export const MESSAGE_WRITE_COLUMNS = [
  'session_id',
  'id',
  'ordinal',
  'parent_id',
  'role',
  'kind',
  'timestamp',
  'text',
  'thinking',
  'tool_calls',
  'tool_results',
  'model',
  'input_tokens',
  'output_tokens',
  'cache_creation_tokens',
  'cache_read_tokens',
  'is_sidechain',
] as const;

/** The message as positional parameters matching MESSAGE_WRITE_COLUMNS. */
export function messageParams(m: MessageRecord): SQLInputValue[] {
  const u = m.usage;
  return [
    m.sessionId,
    m.id,
    m.order,
    m.parentId,
    m.role,
    m.kind,
    m.timestamp,
    m.text,
    m.thinking,
    m.toolCalls.length === 0 ? '[]' : JSON.stringify(m.toolCalls),
    m.toolResults.length === 0 ? '[]' : JSON.stringify(m.toolResults),
    m.model,
    u === null ? null : u.inputTokens,
    u === null ? null : u.outputTokens,
    u === null ? null : u.cacheCreationTokens,
    u === null ? null : u.cacheReadTokens,
    m.isSidechain ? 1 : 0,
  ];
}
