/**
 * Totals and breakdowns of stored sessions for `stats`: every transcript counts once (subagent and compaction
 * transcripts have their own usage and cost, so nothing is counted twice), optionally for some projects and from a
 * start time on.
 */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import type { Usage } from '../../src/records/types.js';
import { parseRow } from './json-column.js';

/** Which sessions count: those of these projects (null: all), started at or after `since` (ISO; null: any time). */
export interface StatsFilter {
  projectIds: ReadonlyArray<string> | null;
  since: string | null;
}

export interface StoreStats {
  /** Top-level sessions. */
  sessions: number;
  /** Subagent and compaction transcripts. */
  childSessions: number;
  messages: number;
  humanPrompts: number;
  toolCalls: number;
  toolErrors: number;
  usage: Usage;
  /** Sum of the sessions' estimated costs (those with no priced model add nothing). */
  costUsd: number;
  /** Sessions that used a model the price table does not know: the cost leaves their usage of it out. */
  unpricedSessions: number;
  firstStartedAt: string | null;
  lastStartedAt: string | null;
  byProject: Array<{ projectId: string; projectName: string; sessions: number; messages: number; costUsd: number }>;
  /** Top-level sessions by character (null: none decided). */
  byCharacter: Array<{ character: string | null; sessions: number }>;
  /** Usage per model, with the transcripts that used it. */
  byModel: Array<{ model: string; usage: Usage; transcripts: number }>;
  /** Per week, by the Monday (UTC) it starts on; sessions without a start time are left out. */
  byWeek: Array<{ weekOf: string; sessions: number; messages: number; costUsd: number }>;
}

/** `?1`: the project ids as a JSON array, or null; `?2`: the start time, or null. */
const WHERE = '(?1 IS NULL OR s.project_id IN (SELECT value FROM json_each(?1))) AND (?2 IS NULL OR s.started_at >= ?2)';

const TOTALS_SQL = `
SELECT coalesce(sum(s.kind = 'main'), 0) AS sessions, coalesce(sum(s.kind != 'main'), 0) AS child_sessions,
       coalesce(sum(s.message_count), 0) AS messages, coalesce(sum(s.human_prompt_count), 0) AS human_prompts,
       coalesce(sum(s.tool_call_count), 0) AS tool_calls, coalesce(sum(s.tool_error_count), 0) AS tool_errors,
       coalesce(sum(s.input_tokens), 0) AS input_tokens, coalesce(sum(s.output_tokens), 0) AS output_tokens,
       coalesce(sum(s.cache_creation_tokens), 0) AS cache_creation_tokens, coalesce(sum(s.cache_read_tokens), 0) AS cache_read_tokens,
       coalesce(sum(s.cost_usd), 0) AS cost_usd, coalesce(sum(s.unpriced_models != '[]'), 0) AS unpriced_sessions,
       min(s.started_at) AS first_started_at, max(s.started_at) AS last_started_at
FROM sessions s WHERE ${WHERE}`;

const BY_PROJECT_SQL = `
SELECT s.project_id, coalesce(p.name, max(s.project_name)) AS project_name, sum(s.kind = 'main') AS sessions,
       sum(s.message_count) AS messages, coalesce(sum(s.cost_usd), 0) AS cost_usd
FROM sessions s LEFT JOIN projects p ON p.id = s.project_id
WHERE ${WHERE}
GROUP BY s.project_id
ORDER BY cost_usd DESC, sessions DESC, project_name, s.project_id`;

const BY_CHARACTER_SQL = `
SELECT s.character, count(*) AS sessions FROM sessions s
WHERE s.kind = 'main' AND ${WHERE}
GROUP BY s.character ORDER BY sessions DESC, s.character IS NULL, s.character`;

const BY_MODEL_SQL = `
SELECT m.key AS model, count(*) AS transcripts,
       sum(json_extract(m.value, '$.inputTokens')) AS input_tokens, sum(json_extract(m.value, '$.outputTokens')) AS output_tokens,
       sum(json_extract(m.value, '$.cacheCreationTokens')) AS cache_creation_tokens, sum(json_extract(m.value, '$.cacheReadTokens')) AS cache_read_tokens
FROM sessions s, json_each(s.usage_by_model) m
WHERE ${WHERE}
GROUP BY m.key ORDER BY output_tokens DESC, model`;

const BY_WEEK_SQL = `
SELECT date(s.started_at, '-6 days', 'weekday 1') AS week_of, sum(s.kind = 'main') AS sessions,
       sum(s.message_count) AS messages, coalesce(sum(s.cost_usd), 0) AS cost_usd
FROM sessions s
WHERE s.started_at IS NOT NULL AND ${WHERE}
GROUP BY week_of HAVING week_of IS NOT NULL ORDER BY week_of`;

const count = z.number().int();
const tokens = {
  input_tokens: count,
  output_tokens: count,
  cache_creation_tokens: count,
  cache_read_tokens: count,
};
const totalsRow = z.object({
  sessions: count,
  child_sessions: count,
  messages: count,
  human_prompts: count,
  tool_calls: count,
  tool_errors: count,
  ...tokens,
  cost_usd: z.number(),
  unpriced_sessions: count,
  first_started_at: z.string().nullable(),
  last_started_at: z.string().nullable(),
});
const projectRow = z.object({ project_id: z.string(), project_name: z.string(), sessions: count, messages: count, cost_usd: z.number() });
const characterRow = z.object({ character: z.string().nullable(), sessions: count });
const modelRow = z.object({ model: z.string(), transcripts: count, ...tokens });
const weekRow = z.object({ week_of: z.string(), sessions: count, messages: count, cost_usd: z.number() });

function usageOf(r: { input_tokens: number; output_tokens: number; cache_creation_tokens: number; cache_read_tokens: number }): Usage {
  return { inputTokens: r.input_tokens, outputTokens: r.output_tokens, cacheCreationTokens: r.cache_creation_tokens, cacheReadTokens: r.cache_read_tokens };
}

/** Rounded to a millionth of a dollar, as each session's cost is: a sum of floats shows no stray digits. */
function dollars(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The stats of the sessions `filter` keeps. */
export function storeStats(db: DatabaseSync, filter: StatsFilter): StoreStats {
  const ids = filter.projectIds === null ? null : JSON.stringify(filter.projectIds);
  const rows = (sql: string) => db.prepare(sql).all(ids, filter.since);
  const t = parseRow(totalsRow, rows(TOTALS_SQL)[0], 'the stats totals');
  return {
    sessions: t.sessions,
    childSessions: t.child_sessions,
    messages: t.messages,
    humanPrompts: t.human_prompts,
    toolCalls: t.tool_calls,
    toolErrors: t.tool_errors,
    usage: usageOf(t),
    costUsd: dollars(t.cost_usd),
    unpricedSessions: t.unpriced_sessions,
    firstStartedAt: t.first_started_at,
    lastStartedAt: t.last_started_at,
    byProject: rows(BY_PROJECT_SQL).map((raw) => {
      const r = parseRow(projectRow, raw, 'a stats project row');
      return { projectId: r.project_id, projectName: r.project_name, sessions: r.sessions, messages: r.messages, costUsd: dollars(r.cost_usd) };
    }),
    byCharacter: rows(BY_CHARACTER_SQL).map((raw) => parseRow(characterRow, raw, 'a stats character row')),
    byModel: rows(BY_MODEL_SQL).map((raw) => {
      const r = parseRow(modelRow, raw, 'a stats model row');
      return { model: r.model, usage: usageOf(r), transcripts: r.transcripts };
    }),
    byWeek: rows(BY_WEEK_SQL).map((raw) => {
      const r = parseRow(weekRow, raw, 'a stats week row');
      return { weekOf: r.week_of, sessions: r.sessions, messages: r.messages, costUsd: dollars(r.cost_usd) };
    }),
  };
}
