/** Reads message content blocks into text parts, tool calls and tool results; binary payloads become markers. */
import { capText } from '../../src/records/cap-text.js';
import { withoutEscapes } from '../../src/records/terminal-escapes.js';
import type { ToolResult } from '../../src/records/types.js';
import { readContentBlock, type ContentBlock } from './wire-schema.js';

/** A content item: a bare string (seen in user arrays) or a block's known fields. */
export type Block = string | ContentBlock;

/** Stands in for an image: base64 payloads are never stored. */
export const IMAGE_MARKER = '[image]';
/** Stands in for a document (PDF or text attachment). */
export const DOCUMENT_MARKER = '[document]';
/** Stands in for thinking the API returned redacted. */
export const REDACTED_THINKING_MARKER = '[redacted thinking]';

/** Validates each item of a content array; items that are neither strings nor objects are dropped. */
export function parseBlocks(items: readonly unknown[]): Block[] {
  const blocks: Block[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      blocks.push(item);
      continue;
    }
    const block = readContentBlock(item);
    if (block) blocks.push(block);
  }
  return blocks;
}

/** The text a block shows in a message's `text` (escape sequences dropped), or null when it has none there. */
export function blockText(block: Block): string | null {
  if (typeof block === 'string') return withoutEscapes(block);
  switch (block.type) {
    case 'text':
      return withoutEscapes(block.text ?? '');
    case 'image':
      return IMAGE_MARKER;
    case 'document':
      return DOCUMENT_MARKER;
    default:
      return null;
  }
}

/** The text a block adds to a message's `thinking`, or null. */
export function blockThinking(block: Block): string | null {
  if (typeof block === 'string') return null;
  if (block.type === 'thinking') return block.thinking ?? '';
  if (block.type === 'redacted_thinking') return REDACTED_THINKING_MARKER;
  return null;
}

/** JSON of a tool_use input, capped. */
export function toolInputJson(input: unknown, max: number): string {
  return capText(input === undefined ? '{}' : (JSON.stringify(input) ?? 'null'), max);
}

/** A tool_result block as a ToolResult with its text content capped. */
export function toToolResult(block: ContentBlock, max: number): ToolResult {
  return { toolUseId: block.tool_use_id ?? '', isError: block.is_error === true, content: capText(toolResultText(block.content), max) };
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const item of parseBlocks(content)) {
    if (typeof item !== 'string' && item.type === 'tool_reference') parts.push(`[tool_reference: ${item.tool_name ?? ''}]`);
    else {
      const text = blockText(item);
      if (text !== null) parts.push(text);
    }
  }
  return parts.join('\n');
}
