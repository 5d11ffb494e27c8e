import { describe, expect, it } from 'vitest';
import { silenceSqliteWarning } from '../../src/util/sqlite-warning.js';

describe('silenceSqliteWarning', () => {
  it("drops node:sqlite's ExperimentalWarning and passes every other warning on", () => {
    const seen: unknown[][] = [];
    const fake = { emitWarning: (...args: unknown[]) => void seen.push(args) } as unknown as NodeJS.Process;
    silenceSqliteWarning(fake);
    fake.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
    fake.emitWarning('SQLite is an experimental feature', { type: 'ExperimentalWarning' });
    fake.emitWarning('Fetch is an experimental feature', 'ExperimentalWarning');
    fake.emitWarning('SQLite said something else', 'DeprecationWarning');
    expect(seen).toEqual([
      ['Fetch is an experimental feature', 'ExperimentalWarning'],
      ['SQLite said something else', 'DeprecationWarning'],
    ]);
  });
});
