/** A fresh temp directory per test holding the database file; removed on dispose. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempDb {
  dir: string;
  file: string;
  [Symbol.dispose](): void;
}

/** A path for a not-yet-existing `data.db` in a new temp directory. */
export function tempDb(): TempDb {
  const dir = mkdtempSync(path.join(tmpdir(), 'ci-sqlite-'));
  return {
    dir,
    file: path.join(dir, 'data.db'),
    [Symbol.dispose]() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
