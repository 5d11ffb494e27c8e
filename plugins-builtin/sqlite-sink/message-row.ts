/** `messages` row → MessageRecord for the read commands: parsed with zod, never cast (the write half is message-params.ts). */
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import type { MessageRecord } from '../../src/records/types.js';
import { describeIssue, jsonText, toolCallSchema, toolResultSchema } from './json-column.js';
import { SINK_NAME } from './open-database.js';

const tokens = z.number().int().nullable();

const messageRowSchema = z.object({
  session_id: z.string(),
  id: z.string(),
  ordinal: z.number().int(),
  parent_id: z.string().nullable(),
  role: z.enum(['user', 'assistant', 'system']),
  kind: z.enum(['human_prompt', 'tool_result', 'command', 'meta', 'compact_summary', 'interrupt', 'assistant', 'system']),
  timestamp: z.string().nullable(),
  text: z.string(),
  thinking: z.string(),
  tool_calls: jsonText(z.array(toolCallSchema)),
  tool_results: jsonText(z.array(toolResultSchema)),
  model: z.string().nullable(),
  input_tokens: tokens,
  output_tokens: tokens,
  cache_creation_tokens: tokens,
  cache_read_tokens: tokens,
  is_sidechain: z.union([z.literal(0), z.literal(1)]),
});

/** A `messages` row back to the record; throws SinkError naming the message on a bad row. */
export function rowToMessage(raw: unknown): MessageRecord {
  const parsed = messageRowSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SinkError(SINK_NAME, `a message row does not match the schema: ${describeIssue(parsed.error)}`, { unavailable: false });
  }
  const r = parsed.data;
  const hasUsage = r.input_tokens !== null || r.output_tokens !== null || r.cache_creation_tokens !== null || r.cache_read_tokens !== null;
  return {
    id: r.id,
    sessionId: r.session_id,
    order: r.ordinal,
    parentId: r.parent_id,
    role: r.role,
    kind: r.kind,
    timestamp: r.timestamp,
    text: r.text,
    thinking: r.thinking,
    toolCalls: r.tool_calls,
    toolResults: r.tool_results,
    model: r.model,
    usage: hasUsage
      ? {
          inputTokens: r.input_tokens ?? 0,
          outputTokens: r.output_tokens ?? 0,
          cacheCreationTokens: r.cache_creation_tokens ?? 0,
          cacheReadTokens: r.cache_read_tokens ?? 0,
        }
      : null,
    isSidechain: r.is_sidechain === 1,
  };
}
