/**
 * The few fields of Claude Code's JSONL records this source relies on, read leniently: every field is optional and
 * a field of the wrong type reads as absent, so an unknown or changed record never fails the parse. Each reader
 * returns a small projection (big fields we never read, such as `toolUseResult`, are not copied), or undefined when
 * the value is not an object at all. Hand-written rather than zod: this runs for every line of every transcript,
 * and zod's generic object parsing cost a first sync about 3% of its time (measured).
 */
type Wire = Record<string, unknown>;

/** A plain object (not an array, not null). */
function isObject(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
/** Message content: a string or an array of items. */
const content = (value: unknown): string | unknown[] | undefined => (typeof value === 'string' || Array.isArray(value) ? value : undefined);

/** Envelope fields shared by record types (tree records, metadata records). */
export interface RecordEnvelope {
  type?: string | undefined;
  uuid?: string | undefined;
  parentUuid?: string | null | undefined;
  timestamp?: string | undefined;
  sessionId?: string | undefined;
  cwd?: string | undefined;
  gitBranch?: string | undefined;
  version?: string | undefined;
  isSidechain?: boolean | undefined;
  isMeta?: boolean | undefined;
  isCompactSummary?: boolean | undefined;
  isApiErrorMessage?: boolean | undefined;
  requestId?: string | undefined;
  subtype?: string | undefined;
  /** `user`/`assistant` message object; narrowed by readUserMessage / readAssistantMessage. */
  message?: unknown;
  /** `system` text. */
  content?: unknown;
  summary?: string | undefined;
  leafUuid?: string | undefined;
  customTitle?: string | undefined;
  aiTitle?: string | undefined;
}

export function readEnvelope(value: unknown): RecordEnvelope | undefined {
  if (!isObject(value)) return undefined;
  const parent = value['parentUuid'];
  return {
    type: str(value['type']),
    uuid: str(value['uuid']),
    parentUuid: typeof parent === 'string' || parent === null ? parent : undefined,
    timestamp: str(value['timestamp']),
    sessionId: str(value['sessionId']),
    cwd: str(value['cwd']),
    gitBranch: str(value['gitBranch']),
    version: str(value['version']),
    isSidechain: bool(value['isSidechain']),
    isMeta: bool(value['isMeta']),
    isCompactSummary: bool(value['isCompactSummary']),
    isApiErrorMessage: bool(value['isApiErrorMessage']),
    requestId: str(value['requestId']),
    subtype: str(value['subtype']),
    message: value['message'],
    content: value['content'],
    summary: str(value['summary']),
    leafUuid: str(value['leafUuid']),
    customTitle: str(value['customTitle']),
    aiTitle: str(value['aiTitle']),
  };
}

/** `message.usage` of an assistant line: the four token counts (others ignored). */
export interface WireUsage {
  input_tokens: number | undefined;
  output_tokens: number | undefined;
  cache_creation_input_tokens: number | undefined;
  cache_read_input_tokens: number | undefined;
}

function readUsage(value: unknown): WireUsage | undefined {
  if (!isObject(value)) return undefined;
  return {
    input_tokens: num(value['input_tokens']),
    output_tokens: num(value['output_tokens']),
    cache_creation_input_tokens: num(value['cache_creation_input_tokens']),
    cache_read_input_tokens: num(value['cache_read_input_tokens']),
  };
}

/** `message` of a `user` record. */
export function readUserMessage(value: unknown): { content: string | unknown[] | undefined } | undefined {
  return isObject(value) ? { content: content(value['content']) } : undefined;
}

/** `message` of an `assistant` line (one content block per line when streamed). */
export interface AssistantMessage {
  id: string | undefined;
  model: string | undefined;
  content: string | unknown[] | undefined;
  usage: WireUsage | undefined;
}

export function readAssistantMessage(value: unknown): AssistantMessage | undefined {
  if (!isObject(value)) return undefined;
  return { id: str(value['id']), model: str(value['model']), content: content(value['content']), usage: readUsage(value['usage']) };
}

/** One content block (or an item inside a `tool_result`'s content); only the fields we read. */
export interface ContentBlock {
  type: string | undefined;
  text: string | undefined;
  thinking: string | undefined;
  id: string | undefined;
  name: string | undefined;
  input: unknown;
  tool_use_id: string | undefined;
  content: unknown;
  is_error: unknown;
  tool_name: string | undefined;
}

export function readContentBlock(value: unknown): ContentBlock | undefined {
  if (!isObject(value)) return undefined;
  return {
    type: str(value['type']),
    text: str(value['text']),
    thinking: str(value['thinking']),
    id: str(value['id']),
    name: str(value['name']),
    input: value['input'],
    tool_use_id: str(value['tool_use_id']),
    content: value['content'],
    is_error: value['is_error'],
    tool_name: str(value['tool_name']),
  };
}

/** `Edit`/`Write`/`Read`/`NotebookEdit` input: the path fields the digest counts. */
export function readFileToolInput(value: unknown): { file_path: string | undefined; notebook_path: string | undefined } | undefined {
  return isObject(value) ? { file_path: str(value['file_path']), notebook_path: str(value['notebook_path']) } : undefined;
}

/** `agent-<id>.meta.json` sidecar. */
export function readAgentMeta(value: unknown): { agentType: string | undefined } | undefined {
  return isObject(value) ? { agentType: str(value['agentType']) } : undefined;
}
