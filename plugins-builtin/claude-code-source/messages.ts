/** Builds MessageRecords: one per user/system record, one per assistant API response (grouped lines). */
import type { ContentLimits } from '../../src/plugins/types.js';
import { capText } from '../../src/records/cap-text.js';
import { withoutEscapes } from '../../src/records/terminal-escapes.js';
import type { MessageKind, MessageRecord, ToolResult } from '../../src/records/types.js';
import { appendCapped, emptyCapped, PART_SEPARATOR, renderCapped } from './capped-text.js';
import { blockText, blockThinking, toolInputJson, type Block } from './content-blocks.js';
import { entryTotal, toUsage, type KeptEntry, type Tokens } from './dedup.js';
import type { OpenGroupJson } from './fold-schema.js';
import type { RecordEnvelope } from './wire-schema.js';

/** The envelope fields every message copies. */
type Envelope = Pick<RecordEnvelope, 'parentUuid' | 'timestamp' | 'isSidechain'>;

/** A user record's message (`sessionId` is filled in once the transcript's id is known). */
export function userMessage(
  id: string,
  order: number,
  envelope: Envelope,
  kind: MessageKind,
  content: string | readonly Block[] | undefined,
  toolResults: ToolResult[],
  limits: ContentLimits,
): MessageRecord {
  let text = '';
  if (typeof content === 'string') text = withoutEscapes(content);
  else if (content !== undefined) {
    const parts: string[] = [];
    for (const block of content) {
      const part = blockText(block);
      if (part !== null) parts.push(part);
    }
    text = parts.join(PART_SEPARATOR);
  }
  return baseMessage(id, order, envelope, 'user', kind, capText(text, limits.messageText), toolResults);
}

/** A system record's message: its `content` as text. */
export function systemMessage(id: string, order: number, envelope: Envelope, content: unknown, limits: ContentLimits): MessageRecord {
  return baseMessage(id, order, envelope, 'system', 'system', typeof content === 'string' ? capText(withoutEscapes(content), limits.messageText) : '', []);
}

/** Starts an assistant API response at its first line. */
export function openGroup(id: string, messageId: string | null, order: number, envelope: Envelope, model: string | null): OpenGroupJson {
  return {
    id,
    messageId,
    order,
    parentId: envelope.parentUuid ?? null,
    timestamp: envelope.timestamp ?? null,
    model,
    isSidechain: envelope.isSidechain === true,
    text: emptyCapped(),
    thinking: emptyCapped(),
    toolCalls: [],
    usage: null,
  };
}

/** Adds one line's blocks (in file order) and usage (the largest total wins, ties keep the first). */
export function extendGroup(group: OpenGroupJson, blocks: readonly Block[], usage: KeptEntry | null, limits: ContentLimits): void {
  for (const block of blocks) {
    const text = blockText(block);
    if (text !== null) {
      group.text = appendCapped(group.text, text, limits.messageText);
      continue;
    }
    const thinking = blockThinking(block);
    if (thinking !== null) {
      group.thinking = appendCapped(group.thinking, thinking, limits.thinking);
      continue;
    }
    if (typeof block !== 'string' && block.type === 'tool_use') {
      group.toolCalls.push({ id: block.id ?? '', name: block.name ?? '', input: toolInputJson(block.input, limits.toolInput) });
    }
  }
  if (usage !== null) {
    const tokens: Tokens = [usage[1], usage[2], usage[3], usage[4]];
    if (group.usage === null || entryTotal(usage) > group.usage[0] + group.usage[1] + group.usage[2] + group.usage[3]) group.usage = tokens;
  }
}

/** The message of an assistant API response as it stands. */
export function groupMessage(group: OpenGroupJson, limits: ContentLimits): MessageRecord {
  const message = baseMessage(
    group.id,
    group.order,
    { parentUuid: group.parentId, timestamp: group.timestamp ?? undefined, isSidechain: group.isSidechain },
    'assistant',
    'assistant',
    renderCapped(group.text, limits.messageText),
    [],
  );
  message.thinking = renderCapped(group.thinking, limits.thinking);
  message.toolCalls = group.toolCalls.map((call) => ({ ...call }));
  message.model = group.model;
  message.usage = group.usage === null ? null : toUsage(group.usage);
  return message;
}

function baseMessage(
  id: string,
  order: number,
  envelope: Envelope,
  role: MessageRecord['role'],
  kind: MessageKind,
  text: string,
  toolResults: ToolResult[],
): MessageRecord {
  return {
    id,
    sessionId: '',
    order,
    parentId: envelope.parentUuid ?? null,
    role,
    kind,
    timestamp: envelope.timestamp ?? null,
    text,
    thinking: '',
    toolCalls: [],
    toolResults,
    model: null,
    usage: null,
    isSidechain: envelope.isSidechain === true,
  };
}
