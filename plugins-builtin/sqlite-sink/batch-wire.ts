/**
 * A batch as it is posted to the store's thread: each message a tuple, so no property names are serialized
 * (measured: posting 84,000 messages took ~40% less time than as objects).
 */
import type { MessageRecord, SessionBatch, ToolCall, ToolResult, Usage } from '../../src/records/types.js';

type WireMessage = [
  id: string,
  sessionId: string,
  order: number,
  parentId: string | null,
  role: MessageRecord['role'],
  kind: MessageRecord['kind'],
  timestamp: string | null,
  text: string,
  thinking: string,
  toolCalls: ToolCall[],
  toolResults: ToolResult[],
  model: string | null,
  usage: Usage | null,
  isSidechain: boolean,
];

export type WireBatch = Omit<SessionBatch, 'messages'> & { messages: WireMessage[] };

export function toWire(batch: SessionBatch): WireBatch {
  return {
    ...batch,
    messages: batch.messages.map((m): WireMessage => [
      m.id, m.sessionId, m.order, m.parentId, m.role, m.kind, m.timestamp, m.text, m.thinking, m.toolCalls, m.toolResults, m.model, m.usage, m.isSidechain,
    ]),
  };
}

export function fromWire(batch: WireBatch): SessionBatch {
  return {
    ...batch,
    messages: batch.messages.map(([id, sessionId, order, parentId, role, kind, timestamp, text, thinking, toolCalls, toolResults, model, usage, isSidechain]) => ({
      id, sessionId, order, parentId, role, kind, timestamp, text, thinking, toolCalls, toolResults, model, usage, isSidechain,
    })),
  };
}
