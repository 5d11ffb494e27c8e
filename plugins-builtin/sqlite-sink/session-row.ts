/** `sessions` row → SessionRecord for the read commands: parsed with zod, never cast (the write half is session-params.ts). */
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import type { SessionRecord } from '../../src/records/types.js';
import {
  characterSchema,
  characterSignalsSchema,
  describeIssue,
  digestSchema,
  jsonText,
  titleSourceSchema,
  usageSchema,
} from './json-column.js';
import { SINK_NAME } from './open-database.js';

const text = z.string();
const count = z.number().int();

/**
 * Every column of `sessions` as read back; JSON columns are parsed and checked. SESSION_WRITE_COLUMNS lists them
 * again, without zod (a test keeps the two in step).
 */
export const sessionRowSchema = z.object({
  id: text,
  project_id: text,
  project_name: text,
  project_path: text,
  source_tool: text,
  kind: z.enum(['main', 'subagent', 'compaction']),
  parent_session_id: text.nullable(),
  agent_id: text.nullable(),
  agent_type: text.nullable(),
  source_path: text,
  title: text.nullable(),
  title_source: titleSourceSchema.nullable(),
  custom_title: text.nullable(),
  character: characterSchema.nullable(),
  character_signals: jsonText(characterSignalsSchema).nullable(),
  started_at: text.nullable(),
  ended_at: text.nullable(),
  git_branch: text.nullable(),
  claude_version: text.nullable(),
  models: jsonText(z.array(z.string())),
  message_count: count,
  human_prompt_count: count,
  assistant_message_count: count,
  tool_call_count: count,
  tool_error_count: count,
  compaction_count: count,
  unknown_record_count: count,
  malformed_line_count: count,
  input_tokens: count,
  output_tokens: count,
  cache_creation_tokens: count,
  cache_read_tokens: count,
  input_tokens_with_subagents: count,
  output_tokens_with_subagents: count,
  cache_creation_tokens_with_subagents: count,
  cache_read_tokens_with_subagents: count,
  usage_by_model: jsonText(z.record(z.string(), usageSchema)),
  cost_usd: z.number().nullable(),
  unpriced_models: jsonText(z.array(z.string())),
  digest: jsonText(digestSchema),
  device_id: text,
  device_hostname: text,
  device_platform: text,
  schema_version: count,
  updated_at: text,
});

/** A `sessions` row (from `SELECT *`) back to the record; throws SinkError naming the session on a bad row. */
export function rowToSession(raw: unknown): SessionRecord {
  const parsed = sessionRowSchema.safeParse(raw);
  if (!parsed.success) {
    const id = z.object({ id: z.string() }).safeParse(raw);
    const which = id.success ? `session ${id.data.id}` : 'a session row';
    throw new SinkError(SINK_NAME, `${which} does not match the schema: ${describeIssue(parsed.error)}`, { unavailable: false });
  }
  const r = parsed.data;
  return {
    id: r.id,
    sourceTool: r.source_tool,
    kind: r.kind,
    projectId: r.project_id,
    projectName: r.project_name,
    projectPath: r.project_path,
    parentSessionId: r.parent_session_id,
    agentId: r.agent_id,
    agentType: r.agent_type,
    sourcePath: r.source_path,
    title: r.title,
    titleSource: r.title_source,
    customTitle: r.custom_title,
    character: r.character,
    characterSignals: r.character_signals,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    gitBranch: r.git_branch,
    claudeVersion: r.claude_version,
    models: r.models,
    messageCount: r.message_count,
    humanPromptCount: r.human_prompt_count,
    assistantMessageCount: r.assistant_message_count,
    toolCallCount: r.tool_call_count,
    toolErrorCount: r.tool_error_count,
    compactionCount: r.compaction_count,
    unknownRecordCount: r.unknown_record_count,
    malformedLineCount: r.malformed_line_count,
    usage: {
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      cacheCreationTokens: r.cache_creation_tokens,
      cacheReadTokens: r.cache_read_tokens,
    },
    usageByModel: r.usage_by_model,
    usageWithSubagents: {
      inputTokens: r.input_tokens_with_subagents,
      outputTokens: r.output_tokens_with_subagents,
      cacheCreationTokens: r.cache_creation_tokens_with_subagents,
      cacheReadTokens: r.cache_read_tokens_with_subagents,
    },
    costUsd: r.cost_usd,
    unpricedModels: r.unpriced_models,
    digest: r.digest,
    device: { id: r.device_id, hostname: r.device_hostname, platform: r.device_platform },
    schemaVersion: r.schema_version,
  };
}
