/** Full-text search over message text and thinking (FTS5, `messages_fts`). */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import { describeIssue } from './json-column.js';
import { SINK_NAME } from './open-database.js';

/** Words of context around the matched terms in a hit's snippet. */
const SNIPPET_TOKENS = 16;

/** One message matching a search, best match first. */
export interface MessageHit {
  sessionId: string;
  messageId: string;
  order: number;
  role: string;
  kind: string;
  timestamp: string | null;
  /** Text around the match, matched terms wrapped in [ ]. */
  snippet: string;
  sessionTitle: string | null;
  /** The session's kind: a hit in a subagent or compaction transcript says so. */
  sessionKind: string;
  projectId: string;
  projectName: string;
  /** bm25 score: lower is better. */
  rank: number;
}

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes
 * a quoted term (all must match), and a trailing `*` keeps its meaning of "starts with".
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  for (const word of input.split(/\s+/u)) {
    const prefix = word.endsWith('*');
    const body = prefix ? word.replace(/\*+$/u, '') : word;
    if (body === '') continue;
    terms.push(`"${body.replaceAll('"', '""')}"${prefix ? '*' : ''}`);
  }
  return terms.length === 0 ? null : terms.join(' ');
}

const SEARCH_SQL = `
SELECT m.session_id, m.id, m.ordinal, m.role, m.kind, m.timestamp,
       snippet(messages_fts, -1, '[', ']', '…', ${SNIPPET_TOKENS}) AS snippet,
       coalesce(s.custom_title, s.title) AS session_title, s.kind AS session_kind, s.project_id, s.project_name,
       bm25(messages_fts) AS rank
FROM messages_fts
JOIN messages m ON m.pk = messages_fts.rowid
JOIN sessions s ON s.id = m.session_id
WHERE messages_fts MATCH ?
  AND (? IS NULL OR s.project_id IN (SELECT value FROM json_each(?)))
ORDER BY rank, m.session_id, m.ordinal
LIMIT ?`;

const hitRowSchema = z.object({
  session_id: z.string(),
  id: z.string(),
  ordinal: z.number(),
  role: z.string(),
  kind: z.string(),
  timestamp: z.string().nullable(),
  snippet: z.string().nullable(),
  session_title: z.string().nullable(),
  session_kind: z.string(),
  project_id: z.string(),
  project_name: z.string(),
  rank: z.number(),
});

/**
 * Messages whose text or thinking contain every word of `query`, best first; `projectIds` (when given) keeps those
 * of these projects' sessions only.
 */
export function searchMessages(db: DatabaseSync, query: string, limit: number, projectIds: ReadonlyArray<string> | null = null): MessageHit[] {
  const fts = toFtsQuery(query);
  if (fts === null || limit <= 0 || projectIds?.length === 0) return [];
  const ids = projectIds === null ? null : JSON.stringify(projectIds);
  return db
    .prepare(SEARCH_SQL)
    .all(fts, ids, ids, Math.floor(limit))
    .map((raw) => {
      const parsed = hitRowSchema.safeParse(raw);
      if (!parsed.success) throw new SinkError(SINK_NAME, `a search hit does not match the schema: ${describeIssue(parsed.error)}`, { unavailable: false });
      const r = parsed.data;
      return {
        sessionId: r.session_id,
        messageId: r.id,
        order: r.ordinal,
        role: r.role,
        kind: r.kind,
        timestamp: r.timestamp,
        snippet: r.snippet ?? '',
        sessionTitle: r.session_title,
        sessionKind: r.session_kind,
        projectId: r.project_id,
        projectName: r.project_name,
        rank: r.rank,
      };
    });
}
