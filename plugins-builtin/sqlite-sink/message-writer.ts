/** Inserts or updates one message and the rows derived from it (full-text index, tool rows). */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MessageRecord } from '../../src/records/types.js';
import { MESSAGE_WRITE_COLUMNS, messageParams } from './message-params.js';

const KEY = ['session_id', 'id'];
const VALUES = MESSAGE_WRITE_COLUMNS.filter((c) => !KEY.includes(c));
/** `?N` of a column: its 1-based position in messageParams, so one array binds every statement. */
const param = (column: string) => `?${MESSAGE_WRITE_COLUMNS.indexOf(column as (typeof MESSAGE_WRITE_COLUMNS)[number]) + 1}`;

const INSERT = `INSERT INTO messages (${MESSAGE_WRITE_COLUMNS.join(', ')}) VALUES (${MESSAGE_WRITE_COLUMNS.map(param).join(', ')})
ON CONFLICT (session_id, id) DO NOTHING`;

/** Rewrites a stored message only when a value differs; the UPDATE triggers then re-derive what changed. */
const UPDATE = `UPDATE messages SET ${VALUES.map((c) => `${c} = ${param(c)}`).join(', ')}
WHERE session_id = ${param('session_id')} AND id = ${param('id')}
  AND (${VALUES.join(', ')}) IS NOT (${VALUES.map(param).join(', ')})`;

/** Where the full-text index stands: every message with `pk` above `after` is not indexed yet (`pending`). */
export interface IndexMark {
  pending: boolean;
  after: number | bigint;
}

/**
 * New messages (nearly all of a first sync) take the fast path: a plain insert, then their tool rows
 * from the record already in memory. A message sent again goes through UPDATE.
 *
 * Full-text entries of new messages are added in bulk by `indexPending`, which the caller runs before
 * COMMIT: FTS5 writes its pending terms out as a new segment at every SAVEPOINT, so indexing each
 * batch inside its savepoint left one tiny segment per transcript to merge (measured: about a fifth
 * of a first sync). New rows get `pk = max(pk) + 1`, so the pending ones are exactly those above the
 * first pending row, as long as no row is deleted or re-indexed in between: both index what is
 * pending first.
 */
export class MessageWriter {
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #indexAfter: StatementSync;
  readonly #toolUse: StatementSync;
  readonly #toolResult: StatementSync;
  #mark: IndexMark = { pending: false, after: 0 };

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(INSERT);
    this.#update = db.prepare(UPDATE);
    this.#indexAfter = db.prepare('INSERT INTO messages_fts (rowid, text, thinking) SELECT pk, text, thinking FROM messages WHERE pk > ?');
    this.#toolUse = db.prepare('INSERT OR IGNORE INTO tool_uses (session_id, message_id, tool_use_id, name) VALUES (?, ?, ?, ?)');
    this.#toolResult = db.prepare('INSERT OR IGNORE INTO tool_results (session_id, message_id, tool_use_id, is_error) VALUES (?, ?, ?, ?)');
  }

  /** Writes `m` inside the caller's transaction. Returns 1 when a row was inserted or changed, else 0. */
  write(m: MessageRecord): number {
    const params = messageParams(m);
    const inserted = this.#insert.run(...params);
    if (inserted.changes === 0) {
      // Its UPDATE trigger re-indexes the stored row, which must be in the index first.
      this.indexPending();
      return Number(this.#update.run(...params).changes);
    }
    if (!this.#mark.pending) this.#mark = { pending: true, after: BigInt(inserted.lastInsertRowid) - 1n };
    for (const call of m.toolCalls) this.#toolUse.run(m.sessionId, m.id, call.id, call.name);
    for (const result of m.toolResults) this.#toolResult.run(m.sessionId, m.id, result.toolUseId, result.isError ? 1 : 0);
    return 1;
  }

  /** Adds the full-text entries of the messages inserted since the last call. Run before COMMIT and before deleting messages. */
  indexPending(): void {
    if (!this.#mark.pending) return;
    this.#indexAfter.run(this.#mark.after);
    this.#mark = { pending: false, after: 0 };
  }

  /** The index position, to restore when a savepoint rolls back (`restoreMark`); `forgetPending` after a full ROLLBACK. */
  get mark(): IndexMark {
    return this.#mark;
  }

  restoreMark(mark: IndexMark): void {
    this.#mark = mark;
  }

  forgetPending(): void {
    this.#mark = { pending: false, after: 0 };
  }
}
