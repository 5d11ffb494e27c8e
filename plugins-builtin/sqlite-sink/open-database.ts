/** Opens the SQLite file with the connection settings every reader and writer shares, and migrates it. */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SinkError, formatError } from '../../src/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';

/** Sink name used in error labels and cursors. */
export const SINK_NAME = 'sqlite';

/** How long a connection waits for another process's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** Page cache per connection: bulk first syncs build a large full-text index (negative = KiB). */
const CACHE_SIZE_KIB = 16 * 1024;

/**
 * WAL pages between automatic checkpoints (32 MiB of 4 KiB pages; SQLite's default is 1000).
 * Each checkpoint costs two fsyncs, which dominated the wall time of a first sync (measured:
 * a 100 MiB history spent about a third of its sink time in them).
 */
const WAL_AUTOCHECKPOINT_PAGES = 8192;

/** After a checkpoint, the WAL file is truncated back to this size so a big first sync leaves no big file behind. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens (creating when allowed) the database at `file`. Writers get WAL, the schema migrated to
 * the latest version, and a file readable only by its owner (it holds whole conversations).
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): DatabaseSync {
  const readonly = options.readonly ?? false;
  if (readonly && file !== ':memory:' && !existsSync(file)) {
    throw new SinkError(SINK_NAME, `no database at ${file}`, { suggestions: ['Run `code-insights sync` to create it.'] });
  }
  let db: DatabaseSync;
  try {
    if (!readonly && file !== ':memory:') createPrivateFile(file);
    // Fetched here, not imported: the build links this module with ones that must load where node:sqlite is
    // missing (doctor reports that).
    db = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(file, {
      readOnly: readonly,
      timeout: BUSY_TIMEOUT_MS,
      enableForeignKeyConstraints: true,
      enableDoubleQuotedStringLiterals: false,
    });
  } catch (error) {
    throw new SinkError(SINK_NAME, `cannot open ${file}: ${formatError(error)}`, { cause: error });
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec(`PRAGMA cache_size = -${CACHE_SIZE_KIB}`);
    db.exec('PRAGMA temp_store = MEMORY');
    if (readonly) {
      checkReadableVersion(db, file);
    } else {
      // WAL lets `sessions`/`status` read while a sync writes. FULL syncs the WAL at every commit:
      // the sync's cursors move past a batch only after its commit, so that commit must survive a
      // power cut too, or the batch would never be sent again. A sync commits every few seconds,
      // so this is one fsync per checkpoint (a growth sync: one).
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      db.exec(`PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
      migrate(db, file);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof SinkError) throw error;
    if (isBusy(error)) {
      throw new SinkError(SINK_NAME, `${file} is locked by another program (waited ${BUSY_TIMEOUT_MS / 1000} s for it)`, {
        cause: error,
        suggestions: ['Close whatever holds a write transaction open on it (a SQLite browser?), then run sync again'],
      });
    }
    throw new SinkError(SINK_NAME, `cannot prepare ${file}: ${formatError(error)}`, { cause: error });
  }
}

/** SQLITE_BUSY: another connection kept the write lock past the busy timeout. */
function isBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errcode?: unknown }).errcode === 5;
}

/** Brings the schema to the latest version, one numbered step per transaction. Returns the version reached. */
export function migrate(db: DatabaseSync, file: string): number {
  for (;;) {
    // IMMEDIATE takes the write lock before reading the version, so two processes opening a
    // fresh file cannot both run step 1.
    db.exec('BEGIN IMMEDIATE');
    try {
      const version = userVersion(db);
      if (version > LATEST_SCHEMA_VERSION) throw tooNew(file, version);
      const step = MIGRATIONS.find((m) => m.version === version + 1);
      if (!step) {
        db.exec('COMMIT');
        return version;
      }
      db.exec(step.sql);
      db.exec(`PRAGMA user_version = ${step.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      if (error instanceof SinkError) throw error;
      throw new SinkError(SINK_NAME, `schema migration of ${file} failed: ${formatError(error)}`, { cause: error });
    }
  }
}

/** `PRAGMA user_version`, the schema version stored in the file header. */
export function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  const value = row?.['user_version'];
  return typeof value === 'number' ? value : 0;
}

function checkReadableVersion(db: DatabaseSync, file: string): void {
  const version = userVersion(db);
  if (version > LATEST_SCHEMA_VERSION) throw tooNew(file, version);
  if (version < LATEST_SCHEMA_VERSION) {
    throw new SinkError(SINK_NAME, `${file} has schema version ${version}; this code-insights reads version ${LATEST_SCHEMA_VERSION}`, {
      suggestions: ['Run `code-insights sync` once to upgrade the database.'],
    });
  }
}

function tooNew(file: string, version: number): SinkError {
  return new SinkError(
    SINK_NAME,
    `${file} was written by a newer code-insights (schema version ${version}; this one understands up to ${LATEST_SCHEMA_VERSION}); refusing to open it`,
    { suggestions: ['Upgrade code-insights, or point the sqlite sink at another file with the `path` option.'] },
  );
}

/** Creates the directory (0700) and an empty file (0600) so SQLite and its -wal/-shm files inherit owner-only modes. */
function createPrivateFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}
