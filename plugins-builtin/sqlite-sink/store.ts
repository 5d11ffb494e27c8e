/** The local SQLite store as the CLI's read commands (and tests) see it: reads, plus the writes of a WriteStore. */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import type { TitleUpdate } from '../../src/plugins/types.js';
import type { MessageRecord, SessionBatch, SessionRecord } from '../../src/records/types.js';
import { describeIssue } from './json-column.js';
import { rowToMessage } from './message-row.js';
import { openDatabase, SINK_NAME } from './open-database.js';
import { matchingProjectIds, projectSummaries, type ProjectSummary } from './projects-query.js';
import { searchMessages, type MessageHit } from './search.js';
import { storeStats, type StoreStats } from './stats-query.js';
import { rowToSession } from './session-row.js';
import { WriteStore } from './write-store.js';

/** Which sessions `listSessions` returns. */
export interface SessionFilter {
  /** A project's name or path (case-insensitive), or a directory above its path; null for all. */
  project?: string | null;
  /** Include subagent and compaction transcripts (child sessions). Default false. */
  includeChildren?: boolean;
  /** Only sessions started at or after this ISO time; null for any time. */
  since?: string | null;
}

/** Row counts of the main tables. */
export interface StoreCounts {
  projects: number;
  /** Top-level (main) sessions. */
  sessions: number;
  /** Subagent and compaction sessions. */
  childSessions: number;
  messages: number;
  toolCalls: number;
}

const countsSchema = z.object({
  projects: z.number().int(),
  sessions: z.number().int(),
  childSessions: z.number().int(),
  messages: z.number().int(),
  toolCalls: z.number().int(),
});

// Newest first; sessions without a start time last, ties broken by id so listings are stable.
const ORDER = 'ORDER BY started_at IS NULL, started_at DESC, id';
const idRowSchema = z.object({ id: z.string() });

/** One open connection to `data.db`. Not safe to share across threads; cheap to open. */
export class SqliteStore {
  readonly path: string;
  readonly readonly: boolean;
  readonly #db: DatabaseSync;
  /** Null when opened read-only. */
  readonly #writer: WriteStore | null;

  private constructor(path: string, db: DatabaseSync, writer: WriteStore | null) {
    this.path = path;
    this.#db = db;
    this.#writer = writer;
    this.readonly = writer === null;
  }

  /** Opens the file; a writer creates and migrates it, a reader requires an up-to-date schema. Throws SinkError. */
  static open(path: string, options: { readonly?: boolean } = {}): SqliteStore {
    if (options.readonly ?? false) return new SqliteStore(path, openDatabase(path, { readonly: true }), null);
    return SqliteStore.over(WriteStore.open(path));
  }

  /** Reads and writes over `writer`'s connection, seeing what it staged; closing either closes both. */
  static over(writer: WriteStore): SqliteStore {
    return new SqliteStore(writer.path, writer.db, writer);
  }

  /** Applies pending schema steps (open already does for writers); returns the version reached. */
  migrate(): number {
    return this.#writable('migrate').migrate();
  }

  /** Upserts one batch in one transaction (messages, then session, then project). Returns message rows inserted or changed. */
  writeBatch(batch: SessionBatch): number {
    return this.#writable('write').writeBatch(batch);
  }

  /** See WriteStore.stageBatch: writes inside one long transaction that `commitStaged` ends. */
  stageBatch(batch: SessionBatch): number {
    return this.#writable('write').stageBatch(batch);
  }

  /** Commits what `stageBatch` wrote. */
  commitStaged(): void {
    this.#writer?.commitStaged();
  }

  /** Drops what `stageBatch` wrote and was not committed. */
  discardStaged(): void {
    this.#writer?.discardStaged();
  }

  /** Stored sessions, newest first; `customTitle` is the user's column. */
  listSessions(filter: SessionFilter = {}): SessionRecord[] {
    const clauses: string[] = [];
    const params: string[] = [];
    if (!(filter.includeChildren ?? false)) clauses.push("kind = 'main'");
    if (filter.project !== undefined && filter.project !== null) {
      const ids = matchingProjectIds(this.#db, filter.project);
      if (ids.length === 0) return [];
      clauses.push('project_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(ids));
    }
    if (filter.since !== undefined && filter.since !== null) {
      clauses.push('started_at >= ?');
      params.push(filter.since);
    }
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
    return this.#db
      .prepare(`SELECT * FROM sessions ${where} ${ORDER}`)
      .all(...params)
      .map(rowToSession);
  }

  /** One session by id, or null. */
  getSession(id: string): SessionRecord | null {
    const row = this.#db.prepare('SELECT * FROM sessions WHERE id = ?').get(id);
    return row === undefined ? null : rowToSession(row);
  }

  /** Ids of the sessions whose id starts with `prefix`, at most `limit` of them (to tell a unique prefix from an ambiguous one). */
  sessionIdsStartingWith(prefix: string, limit = 10): string[] {
    return this.#db
      .prepare('SELECT id FROM sessions WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?')
      .all(prefix.length, prefix, limit)
      .map((row) => idRowSchema.parse(row).id);
  }

  /** The subagent and compaction sessions of session `id`, oldest first. */
  childSessions(id: string): SessionRecord[] {
    return this.#db
      .prepare('SELECT * FROM sessions WHERE parent_session_id = ? ORDER BY started_at IS NULL, started_at, id')
      .all(id)
      .map(rowToSession);
  }

  /** A session's stored messages in transcript order. */
  listMessages(sessionId: string): MessageRecord[] {
    return this.#db.prepare('SELECT * FROM messages WHERE session_id = ? ORDER BY ordinal, id').all(sessionId).map(rowToMessage);
  }

  /** Every project with devices and totals, most recently active first. */
  projectSummaries(): ProjectSummary[] {
    return projectSummaries(this.#db);
  }

  /**
   * Messages containing every word of `query` (a trailing `*` matches a prefix), best first; `project` keeps those of
   * one project (its name or path, as `listSessions` matches it).
   */
  searchMessages(query: string, limit = 20, filter: { project?: string | null } = {}): MessageHit[] {
    const ids = filter.project === undefined || filter.project === null ? null : matchingProjectIds(this.#db, filter.project);
    return searchMessages(this.#db, query, limit, ids);
  }

  /** Totals and breakdowns of the stored sessions: of one project (its name or path) when given, started at or after `since` (ISO). */
  stats(filter: { project?: string | null; since?: string | null } = {}): StoreStats {
    const projectIds = filter.project === undefined || filter.project === null ? null : matchingProjectIds(this.#db, filter.project);
    return storeStats(this.#db, { projectIds, since: filter.since ?? null });
  }

  /** Sets title, titleSource, character and characterSignals of existing sessions, in one transaction; nothing else. Returns rows updated. */
  updateTitles(updates: ReadonlyArray<TitleUpdate>): number {
    return this.#writable('update titles').updateTitles(updates);
  }

  /** Row counts of projects, sessions, messages and tool calls. */
  counts(): StoreCounts {
    const raw = this.#db
      .prepare(
        `SELECT (SELECT count(*) FROM projects) AS projects,
                (SELECT count(*) FROM sessions WHERE kind = 'main') AS sessions,
                (SELECT count(*) FROM sessions WHERE kind <> 'main') AS childSessions,
                (SELECT count(*) FROM messages) AS messages,
                (SELECT count(*) FROM tool_uses) AS toolCalls`,
      )
      .get();
    const parsed = countsSchema.safeParse(raw);
    if (!parsed.success) throw new SinkError(SINK_NAME, `counts query returned ${describeIssue(parsed.error)}`, { unavailable: false });
    return parsed.data;
  }

  /** Closes the connection (a writer first lets SQLite refresh its query statistics). Safe to call twice. */
  close(): void {
    if (this.#writer) this.#writer.close();
    else if (this.#db.isOpen) this.#db.close();
  }

  #writable(action: string): WriteStore {
    if (this.#writer) return this.#writer;
    throw new SinkError(SINK_NAME, `cannot ${action}: ${this.path} was opened read-only`, { unavailable: false });
  }
}
