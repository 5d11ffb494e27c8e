import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SinkError } from '../../../src/errors.js';
import { LATEST_SCHEMA_VERSION, SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import { MIGRATIONS } from '../../../plugins-builtin/sqlite-sink/migrations.js';
import { openDatabase } from '../../../plugins-builtin/sqlite-sink/open-database.js';
import { REPO_ROOT } from '../../helpers/tmp-home.js';
import { execSql, querySql } from './db-dump.js';
import { makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

describe('SqliteStore schema', () => {
  it('creates every table from an empty file, in WAL mode, readable only by its owner', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    store.close();
    const [version] = querySql(tmp.file, 'PRAGMA user_version');
    expect(version?.['user_version']).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    const [mode] = querySql(tmp.file, 'PRAGMA journal_mode');
    expect(mode?.['journal_mode']).toBe('wal');
    const names = querySql(tmp.file, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'messages_fts_%' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r['name']);
    expect(names).toEqual(['messages', 'messages_fts', 'project_devices', 'projects', 'sessions', 'tool_calls', 'tool_results', 'tool_uses']);
    if (process.platform !== 'win32') expect(statSync(tmp.file).mode & 0o777).toBe(0o600);
  });

  it('has every commit on disk before the cursors move past it (synchronous FULL on its writing connection)', () => {
    using tmp = tempDb();
    const db = openDatabase(tmp.file);
    try {
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    } finally {
      db.close();
    }
  });

  it('rejects, before writing anything, a batch whose messages name another session', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    const messages = makeConversation('some-other-session');
    expect(() => store.writeBatch(makeBatch(makeSession(), messages))).toThrow(/batch of session s-1 holds a message of session some-other-session/);
    expect(store.counts()).toEqual({ projects: 0, sessions: 0, childSessions: 0, messages: 0, toolCalls: 0 });
    store.close();
  });

  it('enforces the project foreign keys on its own connection', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    store.writeBatch(makeBatch(makeSession(), []));
    store.close();
    const db = new DatabaseSync(tmp.file, { enableForeignKeyConstraints: true });
    expect(() => db.exec("DELETE FROM projects WHERE id = 'p-1111222233334444'")).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('re-opening an up-to-date file runs no step and keeps the data', () => {
    using tmp = tempDb();
    const first = SqliteStore.open(tmp.file);
    first.writeBatch(makeBatch(makeSession(), makeConversation('s-1')));
    expect(first.migrate()).toBe(LATEST_SCHEMA_VERSION);
    first.close();
    const second = SqliteStore.open(tmp.file);
    expect(second.counts().messages).toBe(4);
    second.close();
  });

  it('refuses a database written by a newer version, for writers and readers, and leaves it untouched', () => {
    using tmp = tempDb();
    SqliteStore.open(tmp.file).close();
    execSql(tmp.file, `PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    for (const readonly of [false, true]) {
      let caught: unknown;
      try {
        SqliteStore.open(tmp.file, { readonly });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SinkError);
      const error = caught as SinkError;
      expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
      expect(error.message).toContain('newer code-insights');
      expect(error.exitCode).toBe(3);
      expect(error.suggestions.join(' ')).toMatch(/Upgrade code-insights/);
    }
    expect(querySql(tmp.file, 'PRAGMA user_version')[0]?.['user_version']).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('a reader does not create or migrate: a missing file and an empty file are clear errors', () => {
    using tmp = tempDb();
    expect(() => SqliteStore.open(tmp.file, { readonly: true })).toThrow(/no database at/);
    new DatabaseSync(tmp.file).close();
    expect(() => SqliteStore.open(tmp.file, { readonly: true })).toThrow(/has schema version 0; this code-insights reads version/);
  });

  it('readers keep reading the last committed state while another connection holds the write lock (WAL)', () => {
    using tmp = tempDb();
    const writer = SqliteStore.open(tmp.file);
    writer.writeBatch(makeBatch(makeSession(), makeConversation('s-1')));
    const other = new DatabaseSync(tmp.file);
    other.exec('BEGIN IMMEDIATE');
    other.exec("UPDATE sessions SET title = 'uncommitted'");
    const reader = SqliteStore.open(tmp.file, { readonly: true });
    expect(reader.getSession('s-1')?.title).toBe('Fix the flaky login test');
    other.exec('COMMIT');
    expect(reader.getSession('s-1')?.title).toBe('uncommitted');
    reader.close();
    other.close();
    writer.close();
  });

  it('a read-only store reads but refuses to write', () => {
    using tmp = tempDb();
    const writer = SqliteStore.open(tmp.file);
    writer.writeBatch(makeBatch(makeSession(), makeConversation('s-1')));
    writer.close();
    const reader = SqliteStore.open(tmp.file, { readonly: true });
    expect(reader.listSessions()).toHaveLength(1);
    expect(() => reader.writeBatch(makeBatch(makeSession({ id: 's-2' }), []))).toThrow(/read-only/);
    expect(() => reader.updateTitles([])).toThrow(/read-only/);
    reader.close();
    reader.close();
  });

  it('docs/sqlite-schema.md names every table, view, index, trigger and column', () => {
    using tmp = tempDb();
    SqliteStore.open(tmp.file).close();
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/sqlite-schema.md'), 'utf8');
    const objects = querySql(tmp.file, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts_%'");
    const missing: string[] = [];
    for (const { name } of objects) {
      if (!doc.includes(`\`${String(name)}\``)) missing.push(String(name));
    }
    for (const { name: table } of objects.filter((o) => o['type'] === 'table' || o['type'] === 'view')) {
      for (const { name: column } of querySql(tmp.file, `SELECT name FROM pragma_table_info(?)`, String(table))) {
        if (!doc.includes(`\`${String(column)}\``)) missing.push(`${String(table)}.${String(column)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('docs/sqlite-schema.md examples', () => {
  it('every SQL example runs against a populated store', () => {
    using tmp = tempDb();
    const store = SqliteStore.open(tmp.file);
    store.writeBatch(makeBatch(makeSession(), makeConversation('s-1')));
    store.close();
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/sqlite-schema.md'), 'utf8');
    const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/gu)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(8);
    const db = new DatabaseSync(tmp.file);
    try {
      for (const block of blocks) {
        for (const statement of block.split(/;\s*\n/u).map((s) => s.trim()).filter(Boolean)) {
          const prepared = db.prepare(statement);
          if (statement.includes(':id')) prepared.all({ id: 's-1' });
          else prepared.all();
        }
      }
    } finally {
      db.close();
    }
  });
});
