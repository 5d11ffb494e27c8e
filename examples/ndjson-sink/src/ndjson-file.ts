/** One session per file: the session line first, then its messages by order; merged on every write (upsert). */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MessageRecord, SessionBatch, SessionRecord, TitleUpdate } from 'code-insights/plugin';
import { z } from 'code-insights/plugin';

/** What a line of our own files looks like; checked on read so a hand-edited file fails clearly. */
const lineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session'), id: z.string() }).passthrough(),
  z.object({ type: z.literal('message'), id: z.string(), order: z.number() }).passthrough(),
]);

interface SessionFile {
  session: SessionRecord | null;
  messages: Map<string, MessageRecord>;
}

/** The file of one session (ids may contain `:` for subagents; keep names portable). */
export function sessionFile(dir: string, sessionId: string): string {
  return path.join(dir, `${sessionId.replace(/[^A-Za-z0-9._-]/g, '_')}.ndjson`);
}

/** Reads a session file; an absent file is an empty one. */
export function readSessionFile(file: string): SessionFile {
  const result: SessionFile = { session: null, messages: new Map() };
  if (!existsSync(file)) return result;
  for (const [index, text] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (text === '') continue;
    const parsed = lineSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: not a line this plugin wrote`);
    const { type, ...record } = parsed.data;
    // The schema checked the keys we rely on; the rest is the record as we wrote it.
    if (type === 'session') result.session = record as unknown as SessionRecord;
    else result.messages.set(record.id, record as unknown as MessageRecord);
  }
  return result;
}

/** Merges a batch into its session's file: the session line replaced, messages upserted by id. */
export function writeBatch(dir: string, batch: SessionBatch): void {
  const file = sessionFile(dir, batch.session.id);
  const current = readSessionFile(file);
  for (const message of batch.messages) current.messages.set(message.id, message);
  writeSessionFile(file, { session: batch.session, messages: current.messages });
}

/** Applies title updates to the session lines (messages untouched). */
export function updateTitle(dir: string, update: TitleUpdate): void {
  const file = sessionFile(dir, update.id);
  const current = readSessionFile(file);
  if (current.session) writeSessionFile(file, { session: { ...current.session, ...update }, messages: current.messages });
}

function writeSessionFile(file: string, content: SessionFile): void {
  const messages = [...content.messages.values()].sort((a, b) => a.order - b.order);
  const lines = [
    ...(content.session ? [JSON.stringify({ type: 'session', ...content.session })] : []),
    ...messages.map((message) => JSON.stringify({ type: 'message', ...message })),
  ];
  // Temp file + rename: a crash mid-write leaves the previous file whole.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${lines.join('\n')}\n`);
  renameSync(tmp, file);
}
