import { describe, expect, it } from 'vitest';
import { attributeErrors, createSyncHooks } from '../../src/pipeline/sync-hooks.js';
import { StageError } from '../../src/errors.js';

describe('error attribution', () => {
  it('wraps a sync tap failure in a StageError naming plugin and hook', async () => {
    const hooks = createSyncHooks();
    attributeErrors(hooks);
    hooks.enrich.tap('good', (b) => b);
    hooks.enrich.tap('broken-enricher', () => {
      throw new Error('boom');
    });
    const error = await hooks.enrich.promise({} as never, {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageError);
    expect((error as StageError).plugin).toBe('broken-enricher');
    expect((error as StageError).hook).toBe('enrich');
    expect((error as StageError).message).toBe('[broken-enricher] enrich failed: boom');
    expect((error as StageError).cause).toBeInstanceOf(Error);
  });

  it('attributes promise and callback taps too', async () => {
    const hooks = createSyncHooks();
    attributeErrors(hooks);
    hooks.parse.tapPromise('async-source', async () => {
      throw new Error('bad parse');
    });
    const parseError = await hooks.parse.promise({} as never, {} as never).catch((e: unknown) => e);
    expect(parseError).toMatchObject({ plugin: 'async-source', hook: 'parse' });

    const other = createSyncHooks();
    attributeErrors(other);
    other.classify.tapAsync('callback-classifier', (_batch, _run, callback) => callback(new Error('nope')));
    const classifyError = await other.classify.promise({} as never, {} as never).catch((e: unknown) => e);
    expect(classifyError).toMatchObject({ plugin: 'callback-classifier', hook: 'classify' });
  });
});
