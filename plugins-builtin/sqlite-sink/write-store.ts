/**
 * The write half of the local store: what a sync does to `data.db`. It loads no zod (about 50 ms of every small
 * sync): reading rows back, which parses them, is SqliteStore's (store.ts).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { TitleUpdate } from '../../src/plugins/types.js';
import type { SessionBatch } from '../../src/records/types.js';
import { BatchWriter } from './batch-writer.js';
import { compactIndexAfterBulk } from './index-compaction.js';
import { migrate, openDatabase } from './open-database.js';

/** One writing connection to `data.db`. Not safe to share across threads; cheap to open. */
export class WriteStore {
  readonly path: string;
  /** The connection, for reads that must see what was staged on it (SqliteStore.over). */
  readonly db: DatabaseSync;
  #writer: BatchWriter | undefined;
  /** Message rows this connection inserted or changed, staged ones included: decides whether close() compacts the index. */
  #rowsWritten = 0;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
  }

  /** Opens the file, creating and migrating it. Throws SinkError. */
  static open(path: string): WriteStore {
    return new WriteStore(path, openDatabase(path));
  }

  /** Applies pending schema steps (open already does); returns the version reached. */
  migrate(): number {
    return migrate(this.db, this.path);
  }

  /** Upserts one batch in one transaction (messages, then session, then project). Returns message rows inserted or changed. */
  writeBatch(batch: SessionBatch): number {
    this.#writer ??= new BatchWriter(this.db);
    const changed = this.#writer.write(batch);
    this.#rowsWritten += changed;
    return changed;
  }

  /**
   * Writes a batch inside one long transaction that `commitStaged` ends: a first sync commits thousands of
   * transcripts a few times instead of once each (each commit also flushes a full-text index segment).
   */
  stageBatch(batch: SessionBatch): number {
    if (!this.db.isTransaction) this.db.exec('BEGIN IMMEDIATE');
    return this.writeBatch(batch);
  }

  /** Commits what `stageBatch` wrote. */
  commitStaged(): void {
    if (!this.db.isTransaction) return;
    if (this.#writer) this.#writer.commit();
    else this.db.exec('COMMIT');
  }

  /** Drops what `stageBatch` wrote and was not committed. */
  discardStaged(): void {
    if (!this.db.isTransaction) return;
    if (this.#writer) this.#writer.rollback();
    else this.db.exec('ROLLBACK');
  }

  /** Sets title, titleSource, character and characterSignals of existing sessions, in one transaction; nothing else. Returns rows updated. */
  updateTitles(updates: ReadonlyArray<TitleUpdate>): number {
    const update = this.db.prepare('UPDATE sessions SET title = ?, title_source = ?, character = ?, character_signals = ? WHERE id = ?');
    let changed = 0;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const u of updates) {
        const signals = u.characterSignals === null ? null : JSON.stringify(u.characterSignals);
        changed += Number(update.run(u.title, u.titleSource, u.character, signals, u.id).changes);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return changed;
  }

  /**
   * Compacts the full-text index after a bulk write, lets SQLite refresh its query statistics, then closes. Safe to
   * call twice.
   */
  close(): void {
    if (!this.db.isOpen) return;
    if (!this.db.isTransaction) compactIndexAfterBulk(this.db, this.#rowsWritten);
    this.db.exec('PRAGMA optimize');
    this.db.close();
  }
}
