/** SessionRecord ⇄ `sessions` row. Both directions live here so a new field is added in one place. */
import type { SQLInputValue } from 'node:sqlite';
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

/** Every column of `sessions` as read back; JSON columns are parsed and checked. */
const sessionRowSchema = z.object({
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

/** Columns sync writes: all but `custom_title`, which belongs to the user. */
export type SessionWriteRow = Omit<Record<keyof z.input<typeof sessionRowSchema>, SQLInputValue>, 'custom_title'>;

/** The record as a row object keyed by column. */
export function sessionToRow(s: SessionRecord, updatedAt: string): SessionWriteRow {
  return {
    id: s.id,
    project_id: s.projectId,
    project_name: s.projectName,
    project_path: s.projectPath,
    source_tool: s.sourceTool,
    kind: s.kind,
    parent_session_id: s.parentSessionId,
    agent_id: s.agentId,
    agent_type: s.agentType,
    source_path: s.sourcePath,
    title: s.title,
    title_source: s.titleSource,
    character: s.character,
    character_signals: s.characterSignals === null ? null : JSON.stringify(s.characterSignals),
    started_at: s.startedAt,
    ended_at: s.endedAt,
    git_branch: s.gitBranch,
    claude_version: s.claudeVersion,
    models: JSON.stringify(s.models),
    message_count: s.messageCount,
    human_prompt_count: s.humanPromptCount,
    assistant_message_count: s.assistantMessageCount,
    tool_call_count: s.toolCallCount,
    tool_error_count: s.toolErrorCount,
    compaction_count: s.compactionCount,
    unknown_record_count: s.unknownRecordCount,
    malformed_line_count: s.malformedLineCount,
    input_tokens: s.usage.inputTokens,
    output_tokens: s.usage.outputTokens,
    cache_creation_tokens: s.usage.cacheCreationTokens,
    cache_read_tokens: s.usage.cacheReadTokens,
    input_tokens_with_subagents: s.usageWithSubagents.inputTokens,
    output_tokens_with_subagents: s.usageWithSubagents.outputTokens,
    cache_creation_tokens_with_subagents: s.usageWithSubagents.cacheCreationTokens,
    cache_read_tokens_with_subagents: s.usageWithSubagents.cacheReadTokens,
    usage_by_model: JSON.stringify(s.usageByModel),
    cost_usd: s.costUsd,
    unpriced_models: JSON.stringify(s.unpricedModels),
    digest: JSON.stringify(s.digest),
    device_id: s.device.id,
    device_hostname: s.device.hostname,
    device_platform: s.device.platform,
    schema_version: s.schemaVersion,
    updated_at: updatedAt,
  };
}

/** Column names sync writes, in a fixed order (for generated SQL and positional parameters). */
export const SESSION_WRITE_COLUMNS = Object.keys(sessionRowSchema.shape).filter((c): c is keyof SessionWriteRow => c !== 'custom_title');

/** The record as positional parameters in SESSION_WRITE_COLUMNS order (binding by name costs 3× more). */
export function sessionParams(s: SessionRecord, updatedAt: string): SQLInputValue[] {
  const row = sessionToRow(s, updatedAt);
  return SESSION_WRITE_COLUMNS.map((c) => row[c]);
}

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
