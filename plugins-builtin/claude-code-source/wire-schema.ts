/**
 * The few fields of Claude Code's JSONL records this source relies on, validated leniently with zod.
 * Every field is optional and a field of the wrong type reads as absent (`.catch`), so an unknown
 * or changed record never fails the parse. Objects strip unknown keys: the parsed value is a small
 * projection, and big fields we never read (`toolUseResult`, snapshots) are not copied.
 */
import { z } from 'zod';

const str = z.string().optional().catch(undefined);
const bool = z.boolean().optional().catch(undefined);
const tokens = z.number().optional().catch(undefined);

/** Envelope fields shared by record types (tree records, metadata records). */
export const RecordEnvelope = z.object({
  type: str,
  uuid: str,
  parentUuid: z.string().nullable().optional().catch(undefined),
  timestamp: str,
  sessionId: str,
  cwd: str,
  gitBranch: str,
  version: str,
  isSidechain: bool,
  isMeta: bool,
  isCompactSummary: bool,
  isApiErrorMessage: bool,
  requestId: str,
  subtype: str,
  /** `user`/`assistant` message object; narrowed by UserMessage / AssistantMessage. */
  message: z.unknown().optional(),
  /** `system` text. */
  content: z.unknown().optional(),
  summary: str,
  leafUuid: str,
  customTitle: str,
  aiTitle: str,
});
export type RecordEnvelope = z.infer<typeof RecordEnvelope>;

/** `message.usage` of an assistant line: the four token counts (others ignored). */
export const WireUsage = z.object({
  input_tokens: tokens,
  output_tokens: tokens,
  cache_creation_input_tokens: tokens,
  cache_read_input_tokens: tokens,
});
export type WireUsage = z.infer<typeof WireUsage>;

const content = z.union([z.string(), z.array(z.unknown())]).optional().catch(undefined);

/** `message` of a `user` record. */
export const UserMessage = z.object({ content });

/** `message` of an `assistant` line (one content block per line when streamed). */
export const AssistantMessage = z.object({
  id: str,
  model: str,
  content,
  usage: WireUsage.optional().catch(undefined),
});
export type AssistantMessage = z.infer<typeof AssistantMessage>;

/** One content block (or an item inside a `tool_result`'s content); only the fields we read. */
export const ContentBlock = z.object({
  type: str,
  text: str,
  thinking: str,
  id: str,
  name: str,
  input: z.unknown().optional(),
  tool_use_id: str,
  content: z.unknown().optional(),
  is_error: z.unknown().optional(),
  tool_name: str,
});
export type ContentBlock = z.infer<typeof ContentBlock>;

/** `Edit`/`Write`/`Read`/`NotebookEdit` input: the path fields the digest counts. */
export const FileToolInput = z.object({ file_path: str, notebook_path: str });

/** `agent-<id>.meta.json` sidecar. */
export const AgentMetaSidecar = z.object({ agentType: str });
