/** SessionRecord → `sessions` row parameters, for a sync, which loads no zod (the read half is session-row.ts). */
import type { SQLInputValue } from 'node:sqlite';
import type { SessionRecord } from '../../src/records/types.js';

/**
 * Column names sync writes, in a fixed order (for generated SQL and positional parameters): every column of
 * `sessions` but `custom_title`, which belongs to the user. A test keeps it in step with the read schema.
 */
export const SESSION_WRITE_COLUMNS = [
  'id',
  'project_id',
  'project_name',
  'project_path',
  'source_tool',
  'kind',
  'parent_session_id',
  'agent_id',
  'agent_type',
  'source_path',
  'title',
  'title_source',
  'character',
  'character_signals',
  'started_at',
  'ended_at',
  'git_branch',
  'claude_version',
  'models',
  'message_count',
  'human_prompt_count',
  'assistant_message_count',
  'tool_call_count',
  'tool_error_count',
  'compaction_count',
  'unknown_record_count',
  'malformed_line_count',
  'input_tokens',
  'output_tokens',
  'cache_creation_tokens',
  'cache_read_tokens',
  'input_tokens_with_subagents',
  'output_tokens_with_subagents',
  'cache_creation_tokens_with_subagents',
  'cache_read_tokens_with_subagents',
  'usage_by_model',
  'cost_usd',
  'unpriced_models',
  'digest',
  'device_id',
  'device_hostname',
  'device_platform',
  'schema_version',
  'updated_at',
] as const;

/** A row as sync writes it, keyed by column. */
export type SessionWriteRow = Record<(typeof SESSION_WRITE_COLUMNS)[number], SQLInputValue>;

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

/** The record as positional parameters in SESSION_WRITE_COLUMNS order (binding by name costs 3× more). */
export function sessionParams(s: SessionRecord, updatedAt: string): SQLInputValue[] {
  const row = sessionToRow(s, updatedAt);
  return SESSION_WRITE_COLUMNS.map((c) => row[c]);
}
