/** The local SQLite store: what the sink writes through and what the CLI's read commands query. */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import type { TitleUpdate } from '../../src/plugins/types.js';
import type { MessageRecord, SessionBatch, SessionRecord } from '../../src/records/types.js';
import { BatchWriter } from './batch-writer.js';
import { describeIssue } from './json-column.js';
import { rowToMessage } from './message-row.js';
import { migrate, openDatabase, SINK_NAME } from './open-database.js';
import { matchingProjectIds, projectSummaries, type ProjectSummary } from './projects-query.js';
import { searchMessages, type MessageHit } from './search.js';
import { rowToSession } from './session-row.js';

/** Which sessions `listSessions` returns. */
export interface SessionFilter {
  /** A project's name or path (case-insensitive), or a directory above its path; null for all. */
  project?: string | null;
  /** Include subagent and compaction transcripts (child sessions). Default false. */
  includeChildren?: boolean;
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

/** One open connection to `data.db`. Not safe to share across threads; cheap to open. */
export class SqliteStore {
  readonly path: string;
  readonly readonly: boolean;
  readonly #db: DatabaseSync;
  #writer: BatchWriter | undefined;

  private constructor(path: string, db: DatabaseSync, readonly: boolean) {
    this.path = path;
    this.#db = db;
    this.readonly = readonly;
  }

  /** Opens the file; a writer creates and migrates it, a reader requires an up-to-date schema. Throws SinkError. */
  static open(path: string, options: { readonly?: boolean } = {}): SqliteStore {
    const readonly = options.readonly ?? false;
    return new SqliteStore(path, openDatabase(path, { readonly }), readonly);
  }

  /** Applies pending schema steps (open already does for writers); returns the version reached. */
  migrate(): number {
    this.#assertWritable('migrate');
    return migrate(this.#db, this.path);
  }

  /** Upserts one batch in one transaction (messages, then session, then project). Returns message rows inserted or changed. */
  writeBatch(batch: SessionBatch): number {
    this.#assertWritable('write');
    this.#writer ??= new BatchWriter(this.#db);
    return this.#writer.write(batch);
  }

  /**
   * Writes a batch inside one long transaction that `commitStaged` ends: a first sync commits thousands of
   * transcripts a few times instead of once each (each commit also flushes a full-text index segment).
   */
  stageBatch(batch: SessionBatch): number {
    this.#assertWritable('write');
    if (!this.#db.isTransaction) this.#db.exec('BEGIN IMMEDIATE');
    return this.writeBatch(batch);
  }

  /** Commits what `stageBatch` wrote. */
  commitStaged(): void {
    if (!this.#db.isTransaction) return;
    if (this.#writer) this.#writer.commit();
    else this.#db.exec('COMMIT');
  }

  /** Drops what `stageBatch` wrote and was not committed. */
  discardStaged(): void {
    if (!this.#db.isTransaction) return;
    if (this.#writer) this.#writer.rollback();
    else this.#db.exec('ROLLBACK');
  }

  /** Stored sessions, newest first; `customTitle` is the user's column. */
  listSessions(filter: SessionFilter = {}): SessionRecord[] {
    const children = filter.includeChildren ?? false;
    const kindClause = children ? '' : "kind = 'main'";
    if (filter.project === undefined || filter.project === null) {
      const where = kindClause === '' ? '' : `WHERE ${kindClause}`;
      return this.#db.prepare(`SELECT * FROM sessions ${where} ${ORDER}`).all().map(rowToSession);
    }
    const ids = matchingProjectIds(this.#db, filter.project);
    if (ids.length === 0) return [];
    const clauses = ['project_id IN (SELECT value FROM json_each(?))', ...(kindClause === '' ? [] : [kindClause])];
    return this.#db
      .prepare(`SELECT * FROM sessions WHERE ${clauses.join(' AND ')} ${ORDER}`)
      .all(JSON.stringify(ids))
      .map(rowToSession);
  }

  /** One session by id, or null. */
  getSession(id: string): SessionRecord | null {
    const row = this.#db.prepare('SELECT * FROM sessions WHERE id = ?').get(id);
    return row === undefined ? null : rowToSession(row);
  }

  /** A session's stored messages in transcript order. */
  listMessages(sessionId: string): MessageRecord[] {
    return this.#db.prepare('SELECT * FROM messages WHERE session_id = ? ORDER BY ordinal, id').all(sessionId).map(rowToMessage);
  }

  /** Every project with devices and totals, most recently active first. */
  projectSummaries(): ProjectSummary[] {
    return projectSummaries(this.#db);
  }

  /** Messages containing every word of `query` (a trailing `*` matches a prefix), best first. */
  searchMessages(query: string, limit = 20): MessageHit[] {
    return searchMessages(this.#db, query, limit);
  }

  /** Sets title, titleSource, character and characterSignals of existing sessions, in one transaction; nothing else. Returns rows updated. */
  updateTitles(updates: ReadonlyArray<TitleUpdate>): number {
    this.#assertWritable('update titles');
    const update = this.#db.prepare('UPDATE sessions SET title = ?, title_source = ?, character = ?, character_signals = ? WHERE id = ?');
    let changed = 0;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const u of updates) {
        const signals = u.characterSignals === null ? null : JSON.stringify(u.characterSignals);
        changed += Number(update.run(u.title, u.titleSource, u.character, signals, u.id).changes);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
    return changed;
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
    if (!this.#db.isOpen) return;
    if (!this.readonly) this.#db.exec('PRAGMA optimize');
    this.#db.close();
  }

  #assertWritable(action: string): void {
    if (this.readonly) throw new SinkError(SINK_NAME, `cannot ${action}: ${this.path} was opened read-only`, { unavailable: false });
  }
}
