/** Reads a database file as plain data, to compare whole stores in tests. */
import { DatabaseSync } from 'node:sqlite';

export type TableDump = Record<string, string[]>;

/**
 * Every row of every table (FTS shadow tables included), each row as sorted-key JSON, rows sorted.
 * SQLite's own `sqlite_*` tables (query statistics from PRAGMA optimize) are left out.
 */
export function dumpTables(file: string, options: { omit?: Record<string, string[]>; skipTables?: RegExp } = {}): TableDump {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => String(r['name']))
      .filter((name) => !name.startsWith('sqlite_') && !options.skipTables?.test(name));
    const dump: TableDump = {};
    for (const table of tables) {
      const omit = options.omit?.[table] ?? [];
      dump[table] = db
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((row) => {
          const entries = Object.entries(row)
            .filter(([column]) => !omit.includes(column))
            .map(([column, value]) => [column, value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value] as const)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          return JSON.stringify(entries);
        })
        .sort();
    }
    return dump;
  } finally {
    db.close();
  }
}

/** Runs one statement against the file from a separate connection (as a user with the sqlite3 CLI would). */
export function execSql(file: string, sql: string, ...params: Array<string | number | null>): void {
  const db = new DatabaseSync(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** All rows of a query from a separate read-only connection. */
export function querySql(file: string, sql: string, ...params: Array<string | number | null>): Array<Record<string, unknown>> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}
