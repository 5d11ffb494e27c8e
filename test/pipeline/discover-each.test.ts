/** Discovery source by source: hook order kept, a failing source loses only its own files and is named. */
import { describe, expect, it } from 'vitest';
import { StageError } from '../../src/errors.js';
import { discoverEach } from '../../src/pipeline/discover-each.js';
import { attributeErrors, createSyncHooks, STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import type { SyncRun } from '../../src/plugins/types.js';
import type { SourceFile } from '../../src/records/types.js';

const file = (source: string, name: string): SourceFile => ({ source, path: `/t/${name}`, root: '/t', projectDir: 'p', kind: 'main', size: 1, mtimeMs: 0, ino: 0 });
const run = {} as SyncRun;

describe('discoverEach', () => {
  it('calls taps in stage order with the list so far, like the waterfall hook, including async and promise taps', async () => {
    const hooks = createSyncHooks();
    attributeErrors(hooks);
    hooks.discover.tap('b', (files) => [...files, file('b', 'b1')]);
    hooks.discover.tap({ name: 'a', stage: STAGE_ORDER.PRE }, (files) => [...files, file('a', 'a1')]);
    hooks.discover.tapPromise('c', async (files) => [...files, file('c', 'c1')]);
    hooks.discover.tapAsync('d', (files, _run, callback) => callback(null, [...files, file('d', 'd1')]));
    hooks.discover.tap('observer', () => undefined as unknown as SourceFile[]);
    const viaHook = await hooks.discover.promise([], run);
    const each = await discoverEach(hooks.discover, run);
    expect(each.errors).toEqual([]);
    expect(each.files.map((f) => f.path)).toEqual(['/t/a1', '/t/b1', '/t/c1', '/t/d1']);
    expect(each.files).toEqual(viaHook);
  });

  it("keeps the other sources' files when one throws (sync, promise or callback), and attributes each error", async () => {
    const hooks = createSyncHooks();
    attributeErrors(hooks);
    hooks.discover.tap('good', (files) => [...files, file('good', 'g1')]);
    hooks.discover.tap('sync-bad', () => {
      throw new Error('one');
    });
    hooks.discover.tapPromise('promise-bad', async () => {
      throw new Error('two');
    });
    hooks.discover.tapAsync('callback-bad', (_files, _run, callback) => callback(new Error('three')));
    hooks.discover.tap('also-good', (files) => [...files, file('also-good', 'g2')]);
    const { files, errors } = await discoverEach(hooks.discover, run);
    expect(files.map((f) => f.path)).toEqual(['/t/g1', '/t/g2']);
    expect(errors.every((e) => e instanceof StageError)).toBe(true);
    expect(errors.map((e) => [e.plugin, e.hook, e.message])).toEqual([
      ['sync-bad', 'discover', '[sync-bad] discover failed: one'],
      ['promise-bad', 'discover', '[promise-bad] discover failed: two'],
      ['callback-bad', 'discover', '[callback-bad] discover failed: three'],
    ]);
  });
});
