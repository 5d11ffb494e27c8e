/** Builds small Claude Code transcripts (JSONL) for plugin tests, so authors need not learn the wire format. */
import { createHash } from 'node:crypto';

/** One exchange: what the human asked and what the assistant answered (optionally calling tools). */
export interface Exchange {
  prompt: string;
  reply: string;
  /** Tool calls the assistant made before replying, with their results. */
  tools?: Array<{ name: string; input: Record<string, unknown>; result: string; isError?: boolean }>;
}

export interface TranscriptSpec {
  /** Session id (the file stem); a UUID is derived from `cwd` and the first prompt when omitted. */
  sessionId?: string;
  /** The working directory the session ran in (decides its project). */
  cwd: string;
  exchanges: Exchange[];
  /** ISO time of the first record; later records follow one second apart. */
  startedAt?: string;
  model?: string;
  /** A `custom-title` record (what Claude Code's `/rename` writes). */
  customTitle?: string;
}

/** The relative path Claude Code would use under a config root: `projects/<encoded cwd>/<session id>.jsonl`. */
export function transcriptPath(spec: Pick<TranscriptSpec, 'cwd'> & { sessionId: string }): string {
  return `projects/${spec.cwd.replace(/[^a-zA-Z0-9]/g, '-')}/${spec.sessionId}.jsonl`;
}

/** A session id and the JSONL text of a transcript following `spec`. */
export function claudeTranscript(spec: TranscriptSpec): { sessionId: string; path: string; jsonl: string } {
  const sessionId = spec.sessionId ?? uuidFrom(`${spec.cwd}\n${spec.exchanges[0]?.prompt ?? ''}`);
  const start = Date.parse(spec.startedAt ?? '2026-01-01T09:00:00.000Z');
  const model = spec.model ?? 'claude-sonnet-4-5-20250929';
  const lines: object[] = [];
  let parent: string | null = null;
  let n = 0;
  const envelope = (type: string) => {
    const uuid = uuidFrom(`${sessionId}:${n}`);
    const record = { type, uuid, parentUuid: parent, sessionId, cwd: spec.cwd, isSidechain: false, version: '2.1.38', timestamp: new Date(start + n * 1000).toISOString() };
    parent = uuid;
    n += 1;
    return record;
  };
  const assistant = (content: object[]) => ({
    ...envelope('assistant'),
    requestId: `req_${n}`,
    message: { id: `msg_${sessionId.slice(0, 8)}_${n}`, role: 'assistant', model, content, usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } },
  });
  if (spec.customTitle) lines.push({ type: 'custom-title', customTitle: spec.customTitle, sessionId });
  for (const exchange of spec.exchanges) {
    lines.push({ ...envelope('user'), message: { role: 'user', content: exchange.prompt } });
    for (const [index, tool] of (exchange.tools ?? []).entries()) {
      const id = `toolu_${n}_${index}`;
      lines.push(assistant([{ type: 'tool_use', id, name: tool.name, input: tool.input }]));
      lines.push({ ...envelope('user'), message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: tool.result, is_error: tool.isError ?? false }] } });
    }
    lines.push(assistant([{ type: 'text', text: exchange.reply }]));
  }
  return { sessionId, path: transcriptPath({ cwd: spec.cwd, sessionId }), jsonl: `${lines.map((line) => JSON.stringify(line)).join('\n')}\n` };
}

function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
