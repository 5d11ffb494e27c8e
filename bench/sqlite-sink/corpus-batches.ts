/**
 * Turns a generated corpus into SessionBatches for the write benchmark. A rough stand-in for the
 * real source plugin (which this folder may not import): one message per user/system record,
 * one per assistant API message, content capped like the default limits.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { capText } from '../../src/records/cap-text.js';
import type { MessageRecord, SessionBatch, ToolCall, ToolResult } from '../../src/records/types.js';
import { makeBatch, makeSession } from '../../test/plugins-builtin/sqlite-sink/fixtures.js';

const blockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  thinking: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
  tool_use_id: z.string().optional(),
  is_error: z.boolean().optional(),
  content: z.unknown().optional(),
});

const recordSchema = z.looseObject({
  type: z.string().optional(),
  uuid: z.string().optional(),
  parentUuid: z.string().nullable().optional(),
  timestamp: z.string().optional(),
  cwd: z.string().optional(),
  isSidechain: z.boolean().optional(),
  isMeta: z.boolean().optional(),
  content: z.unknown().optional(),
  message: z
    .looseObject({
      id: z.string().optional(),
      model: z.string().optional(),
      content: z.union([z.string(), z.array(blockSchema)]).optional(),
      usage: z
        .looseObject({
          input_tokens: z.number().optional(),
          output_tokens: z.number().optional(),
          cache_creation_input_tokens: z.number().optional(),
          cache_read_input_tokens: z.number().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** Every `.jsonl` under `dir`. */
export function listTranscripts(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/** The baseline the budget is measured against: read every file and JSON.parse every line. */
export function readAndParse(files: readonly string[]): number {
  let records = 0;
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        JSON.parse(line);
        records += 1;
      } catch {
        // malformed lines count as read
      }
    }
  }
  return records;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b) => (typeof b === 'string' ? b : z.object({ text: z.string() }).safeParse(b).data?.text ?? '')).join('\n');
}

/** One batch per transcript, as a first full sync would send them. */
export function corpusBatches(files: readonly string[]): SessionBatch[] {
  return files.map((file) => {
    const sessionId = path.basename(file, '.jsonl');
    const messages: MessageRecord[] = [];
    const byApiId = new Map<string, MessageRecord>();
    let cwd = '/unknown';
    let ordinal = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue;
      }
      const parsed = recordSchema.safeParse(json);
      ordinal += 1;
      if (!parsed.success) continue;
      const r = parsed.data;
      if (r.cwd) cwd = r.cwd;
      if (!r.uuid || (r.type !== 'user' && r.type !== 'assistant' && r.type !== 'system')) continue;
      const blocks = Array.isArray(r.message?.content) ? r.message.content : [];
      const apiId = r.type === 'assistant' ? r.message?.id : undefined;
      const existing = apiId === undefined ? undefined : byApiId.get(apiId);
      const message: MessageRecord = existing ?? {
        id: r.uuid,
        sessionId,
        order: ordinal,
        parentId: r.parentUuid ?? null,
        role: r.type,
        kind: r.type === 'assistant' ? 'assistant' : r.type === 'system' ? 'system' : r.isMeta ? 'meta' : 'human_prompt',
        timestamp: r.timestamp ?? null,
        text: '',
        thinking: '',
        toolCalls: [],
        toolResults: [],
        model: r.message?.model ?? null,
        usage: null,
        isSidechain: r.isSidechain ?? false,
      };
      const texts = typeof r.message?.content === 'string' ? [r.message.content] : r.type === 'system' ? [textOf(r.content)] : [];
      const toolCalls: ToolCall[] = [];
      const toolResults: ToolResult[] = [];
      for (const b of blocks) {
        if (b.type === 'text' && b.text) texts.push(b.text);
        else if (b.type === 'thinking' && b.thinking) message.thinking = capText(message.thinking + b.thinking, 20_000);
        else if (b.type === 'tool_use') toolCalls.push({ id: b.id ?? '', name: b.name ?? '', input: capText(JSON.stringify(b.input ?? null), 4_000) });
        else if (b.type === 'tool_result') toolResults.push({ toolUseId: b.tool_use_id ?? '', isError: b.is_error === true, content: capText(textOf(b.content), 8_000) });
      }
      message.text = capText([message.text, ...texts].filter(Boolean).join('\n'), 20_000);
      message.toolCalls = [...message.toolCalls, ...toolCalls];
      message.toolResults = [...message.toolResults, ...toolResults];
      if (toolResults.length > 0) message.kind = 'tool_result';
      const u = r.message?.usage;
      if (u) {
        message.usage = {
          inputTokens: u.input_tokens ?? 0,
          outputTokens: u.output_tokens ?? 0,
          cacheCreationTokens: u.cache_creation_input_tokens ?? 0,
          cacheReadTokens: u.cache_read_input_tokens ?? 0,
        };
      }
      if (!existing) {
        messages.push(message);
        if (apiId !== undefined) byApiId.set(apiId, message);
      }
    }
    const projectId = createHash('sha256').update(cwd).digest('hex').slice(0, 16);
    const session = makeSession({
      id: `${sessionId}:${createHash('sha256').update(file).digest('hex').slice(0, 8)}`,
      projectId,
      projectName: path.basename(cwd),
      projectPath: cwd,
      sourcePath: file,
      startedAt: messages[0]?.timestamp ?? null,
      endedAt: messages.at(-1)?.timestamp ?? null,
      messageCount: messages.length,
    });
    for (const m of messages) m.sessionId = session.id;
    return makeBatch(session, messages, { idSource: 'path-hash', gitRemoteUrl: null });
  });
}

/** Total bytes of `files`. */
export function totalBytes(files: readonly string[]): number {
  return files.reduce((sum, f) => sum + statSync(f).size, 0);
}
