/**
 * A source's fold (its running summary of a transcript) kept beside the cursor, so a grown transcript continues
 * from its offset instead of being re-read. Loaded only for files that changed.
 *
 * Folds live in one SQLite file, `folds.db`: one small file per transcript cost a first sync seconds of kernel
 * time creating thousands of files (measured: 2.5 s of 15 s for 4,616 transcripts). The file is a cache: a fold
 * that is missing, torn or from another offset only means its transcript is read again from the start.
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** The folds database of a state home. */
export function foldsPath(home: string): string {
  return path.join(home, 'folds.db');
}

const SCHEMA = 'CREATE TABLE IF NOT EXISTS folds (path TEXT PRIMARY KEY, offset INTEGER NOT NULL, fold TEXT NOT NULL) WITHOUT ROWID';

interface Statements {
  db: DatabaseSync;
  get: StatementSync;
  put: StatementSync;
  drop: StatementSync;
}

/**
 * Folds of one state home, opened on first use. Writes gather in one transaction that `commit` ends (the runner
 * commits with each state checkpoint), so a first sync writes its folds in a few large steps.
 */
export class FoldStore {
  readonly #home: string;
  readonly #readonly: boolean;
  #open: Statements | null | undefined;

  /** `readonly` (dry runs): never creates or writes the file. */
  constructor(home: string, options: { readonly?: boolean } = {}) {
    this.#home = home;
    this.#readonly = options.readonly ?? false;
  }

  /** The fold saved for `transcript` at exactly `offset`, or undefined (then the transcript is re-read). */
  load(transcript: string, offset: number): unknown {
    const open = this.#statements();
    if (!open) return undefined;
    try {
      const row = open.get.get(transcript);
      if (row?.['offset'] !== offset || typeof row['fold'] !== 'string') return undefined;
      return JSON.parse(row['fold']);
    } catch {
      // A damaged cache (synchronous=OFF: a power cut may tear it) costs a re-read, never the sync.
      return undefined;
    }
  }

  /** Saves the fold reached at `offset`; durable once `commit` ran. */
  save(transcript: string, offset: number, fold: unknown): void {
    const open = this.#writable();
    open.put.run(transcript, offset, JSON.stringify(fold));
  }

  /** Drops the folds of these transcripts (durable with the next commit). */
  forget(transcripts: Iterable<string>): void {
    const { drop } = this.#writable();
    for (const transcript of transcripts) drop.run(transcript);
  }

  /** Makes the saves so far durable. */
  commit(): void {
    if (this.#open?.db.isTransaction) this.#open.db.exec('COMMIT');
  }

  /** Commits and closes. Safe to call twice. */
  close(): void {
    if (!this.#open) return;
    this.commit();
    this.#open.db.close();
    this.#open = undefined;
  }

  #writable(): Statements {
    const open = this.#statements();
    if (!open) throw new Error('the fold store was opened read-only');
    this.#begin(open.db);
    return open;
  }

  #begin(db: DatabaseSync): void {
    if (!db.isTransaction) db.exec('BEGIN IMMEDIATE');
  }

  /** The open database; null when it does not exist and may not be created. */
  #statements(): Statements | null {
    if (this.#open !== undefined) return this.#open;
    const file = foldsPath(this.#home);
    if (this.#readonly && !existsSync(file)) return (this.#open = null);
    try {
      this.#open = openFolds(file, this.#readonly);
    } catch {
      // A cache: an unreadable file is started afresh rather than failing the sync.
      if (this.#readonly) return (this.#open = null);
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
      this.#open = openFolds(file, false);
    }
    return this.#open;
  }
}

function openFolds(file: string, readonly: boolean): Statements {
  if (!readonly && !existsSync(file)) {
    // Folds hold prompts and paths: owner-only, like the state (SQLite gives its -wal/-shm files the same mode).
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    // Folds used to be one JSON file each in `folds/`; those are not read any more.
    rmSync(path.join(path.dirname(file), 'folds'), { recursive: true, force: true });
  }
  const db = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(file, { readOnly: readonly, timeout: 5000 });
  try {
    if (!readonly) {
      // Only the sync holding the lock writes; a lost tail after a power cut just means transcripts are re-read.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = OFF');
      db.exec(SCHEMA);
    }
    return {
      db,
      get: db.prepare('SELECT offset, fold FROM folds WHERE path = ?'),
      put: db.prepare('INSERT OR REPLACE INTO folds (path, offset, fold) VALUES (?, ?, ?)'),
      drop: db.prepare('DELETE FROM folds WHERE path = ?'),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
