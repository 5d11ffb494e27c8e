/**
 * Folds records, line by line, into a transcript's FoldState and collects the increment's messages.
 * Everything here is order-dependent only through the state, so any split into increments at line
 * boundaries ends in the same state and message set as one pass.
 */
import type { ContentLimits, ParseStats } from '../../src/plugins/types.js';
import { capText } from '../../src/records/cap-text.js';
import type { MessageRecord, ToolResult } from '../../src/records/types.js';
import { parseBlocks, toToolResult, type Block } from './content-blocks.js';
import { dedupKey, offerUsage, type KeptEntry } from './dedup.js';
import type { FoldState } from './fold-state.js';
import { userMessageKind } from './human-prompt.js';
import { extendGroup, groupMessage, openGroup, systemMessage, userMessage } from './messages.js';
import { parseLine } from './parse-line.js';
import { isQuestionPrompt } from './question-prompt.js';
import { readAssistantMessage, readEnvelope, readFileToolInput, readUserMessage, type RecordEnvelope } from './wire-schema.js';

/** Record types CORPUS.md calls known; any other (or missing) `type` is counted as unknown. */
export const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'user', 'assistant', 'system', 'progress', 'attachment', 'summary', 'custom-title', 'ai-title', 'agent-name', 'agent-setting',
  'permission-mode', 'mode', 'last-prompt', 'pr-link', 'bridge-session', 'file-history-snapshot', 'queue-operation',
]);
/** Human prompts kept in the digest for titling, and their cap. */
export const DIGEST_PROMPTS = 5;
export const DIGEST_PROMPT_CHARS = 500;
const EDIT_TOOLS: ReadonlySet<string> = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
const SYNTHETIC_MODEL = '<synthetic>';
const EMPTY_ENVELOPE: RecordEnvelope = {};

/** One increment's pass over a transcript. */
export class TranscriptFolder {
  /** What this increment consumed (the state keeps the running totals). */
  readonly stats: ParseStats = { records: 0, malformedLines: 0, unknownRecords: 0 };
  private readonly messages: MessageRecord[] = [];
  /** The open assistant group got lines in this increment, so it must be (re-)emitted. */
  private groupDirty = false;

  constructor(
    private readonly state: FoldState,
    private readonly limits: ContentLimits,
    /** Prefix of ids for messages whose record has no uuid (stable: derived from the file). */
    private readonly fallbackIdPrefix: string,
    /** Told about each skipped line (its kind and byte offset; never its content, which may hold secrets). */
    private readonly onSkip?: (kind: string, startOffset: number) => void,
  ) {}

  /** Folds one complete line starting at byte `startOffset` (only a line at byte 0 may carry a BOM). */
  line(text: string, startOffset: number): void {
    const parsed = parseLine(text, startOffset === 0);
    const s = this.state;
    if (parsed.kind !== 'record') {
      s.malformedLines++;
      this.stats.malformedLines++;
      this.onSkip?.(parsed.kind, startOffset);
      return;
    }
    // A record is always an object (parseLine says so), so this always reads; the fallback keeps the types honest.
    const env: RecordEnvelope = readEnvelope(parsed.value) ?? EMPTY_ENVELOPE;
    const ordinal = s.records++;
    this.stats.records++;
    const type = env.type;
    if (type === undefined || !KNOWN_TYPES.has(type)) {
      s.unknownRecords++;
      this.stats.unknownRecords++;
    }
    const ts = env.timestamp;
    if (ts !== undefined) {
      if (s.firstTimestamp === null || ts < s.firstTimestamp) s.firstTimestamp = ts;
      if (s.lastTimestamp === null || ts > s.lastTimestamp) s.lastTimestamp = ts;
    }
    if (env.cwd !== undefined) s.cwds.set(env.cwd, (s.cwds.get(env.cwd) ?? 0) + 1);
    if (s.sessionIdField === null && env.sessionId !== undefined) s.sessionIdField = env.sessionId;
    if (env.gitBranch) s.gitBranch = env.gitBranch;
    if (env.version !== undefined) s.claudeVersion = env.version;
    if (env.uuid !== undefined) this.seeUuid(env.uuid);
    switch (type) {
      case 'user':
        return this.user(env, ordinal);
      case 'assistant':
        return this.assistant(env, ordinal);
      case 'system':
        if (env.subtype === 'compact_boundary') s.compactions++;
        this.messages.push(systemMessage(this.messageId(env, ordinal), ordinal, env, env.content, this.limits));
        return;
      case 'summary':
        return this.summary(env, ordinal);
      case 'custom-title':
        s.customTitle = env.customTitle ?? null;
        return;
      case 'ai-title':
        s.aiTitle = env.aiTitle ?? null;
        return;
    }
  }

  /** Ends the increment: the open assistant group is emitted as it stands (and stays in the fold). */
  finish(): MessageRecord[] {
    if (this.state.group !== null && this.groupDirty) this.messages.push(groupMessage(this.state.group, this.limits));
    this.groupDirty = false;
    return this.messages.sort((a, b) => a.order - b.order);
  }

  private user(env: RecordEnvelope, ordinal: number): void {
    const s = this.state;
    const raw = readUserMessage(env.message)?.content;
    const content: string | Block[] | undefined = Array.isArray(raw) ? parseBlocks(raw) : raw;
    const kind = userMessageKind(env, content);
    const toolResults: ToolResult[] = [];
    if (Array.isArray(content)) {
      for (const block of content) {
        if (typeof block === 'string' || block.type !== 'tool_result') continue;
        if (block.is_error === true) s.toolErrors++;
        toolResults.push(toToolResult(block, this.limits.toolResult));
      }
    }
    if (kind === 'human_prompt') this.humanPrompt(content);
    this.messages.push(userMessage(this.messageId(env, ordinal), ordinal, env, kind, content, toolResults, this.limits));
  }

  private humanPrompt(content: string | readonly Block[] | undefined): void {
    const s = this.state;
    s.humanPrompts++;
    let text = '';
    if (typeof content === 'string') text = content;
    else if (content !== undefined) {
      // Only what the human typed: no image/document markers.
      const parts: string[] = [];
      for (const block of content) {
        if (typeof block === 'string') parts.push(block);
        else if (block.type === 'text') parts.push(block.text ?? '');
      }
      text = parts.join('\n\n');
    }
    if (s.prompts.length < DIGEST_PROMPTS) s.prompts.push(capText(text, DIGEST_PROMPT_CHARS));
    if (isQuestionPrompt(text)) s.questionPrompts++;
    s.promptChars += text.length;
  }

  private assistant(env: RecordEnvelope, ordinal: number): void {
    const s = this.state;
    const message = readAssistantMessage(env.message);
    const model = message?.model ?? null;
    const synthetic = model === SYNTHETIC_MODEL || env.isApiErrorMessage === true;
    const raw = message?.content;
    const blocks: Block[] = Array.isArray(raw) ? parseBlocks(raw) : typeof raw === 'string' ? [raw] : [];
    const messageId = message?.id ? message.id : null;
    if (!synthetic) {
      if (messageId !== null) s.assistantIds.add(messageId);
      if (model) s.models.add(model);
    }
    for (const block of blocks) if (typeof block !== 'string' && block.type === 'tool_use') this.toolUse(block.id, block.name, block.input);
    let usage: KeptEntry | null = null;
    if (message?.usage !== undefined) {
      const u = message.usage;
      usage = [messageId ?? '', u.input_tokens ?? 0, u.output_tokens ?? 0, u.cache_creation_input_tokens ?? 0, u.cache_read_input_tokens ?? 0,
        env.isSidechain === true ? 1 : 0, model, synthetic ? 1 : 0];
      offerUsage(s.usage, dedupKey(message.id, env.requestId), usage);
    }
    // Lines of one API response share message.id; other record types may sit between them.
    if (s.group === null || messageId === null || s.group.messageId !== messageId) {
      if (s.group !== null && this.groupDirty) this.messages.push(groupMessage(s.group, this.limits));
      s.group = openGroup(this.messageId(env, ordinal), messageId, ordinal, env, model);
    }
    extendGroup(s.group, blocks, usage, this.limits);
    this.groupDirty = true;
  }

  private toolUse(id: string | undefined, name: string | undefined, input: unknown): void {
    const s = this.state;
    if (id !== undefined && !s.tools.has(id)) s.tools.set(id, name ?? '');
    if (name === undefined || (name !== 'Read' && !EDIT_TOOLS.has(name))) return;
    const paths = readFileToolInput(input);
    if (!paths) return;
    if (name === 'Read') {
      if (paths.file_path !== undefined) s.filesRead.add(paths.file_path);
      return;
    }
    const file = paths.file_path ?? paths.notebook_path;
    if (file !== undefined) s.filesEdited.add(file);
  }

  private summary(env: RecordEnvelope, ordinal: number): void {
    const leaf = env.leafUuid;
    if (leaf === undefined) return;
    const s = this.state;
    // Most summaries name a leaf of another session, or one that comes later in this file: keep them pending.
    if (s.uuids.has(leaf)) s.summary = [env.summary ?? null, ordinal];
    else s.pendingSummaries.set(leaf, [env.summary ?? null, ordinal]);
  }

  private seeUuid(uuid: string): void {
    const s = this.state;
    s.uuids.add(uuid);
    const pending = s.pendingSummaries.get(uuid);
    if (pending === undefined) return;
    s.pendingSummaries.delete(uuid);
    if (s.summary === null || pending[1] > s.summary[1]) s.summary = pending;
  }

  /** The message id of a record (its uuid), counting each distinct one once. */
  private messageId(env: RecordEnvelope, ordinal: number): string {
    const s = this.state;
    if (env.uuid === undefined) {
      s.messages++;
      return `${this.fallbackIdPrefix}#${ordinal}`;
    }
    if (!s.messageUuids.has(env.uuid)) {
      s.messageUuids.add(env.uuid);
      s.messages++;
    }
    return env.uuid;
  }
}
