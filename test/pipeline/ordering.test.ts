import { describe, expect, it } from 'vitest';
import { createSyncHooks, STAGE_ORDER, STAGES, sealHooks, attributeErrors } from '../../src/pipeline/sync-hooks.js';
import { PluginLoadError } from '../../src/errors.js';

/** Taps every stage at pre, default and post from plugins registered in the "wrong" order, and records calls. */
describe('stage ordering contract', () => {
  it('runs taps by stage (pre → default → post), never by registration order', async () => {
    const hooks = createSyncHooks();
    attributeErrors(hooks);
    const calls: string[] = [];
    const stages = [
      ['post', STAGE_ORDER.POST],
      ['default', STAGE_ORDER.DEFAULT],
      ['pre', STAGE_ORDER.PRE],
    ] as const;
    for (const [label, stage] of stages) {
      const name = `recorder-${label}`;
      hooks.discover.tap({ name, stage }, (files) => (calls.push(`discover:${label}`), files));
      hooks.parse.tap({ name, stage }, () => (calls.push(`parse:${label}`), undefined));
      hooks.enrich.tap({ name, stage }, (batch) => (calls.push(`enrich:${label}`), batch));
      hooks.classify.tap({ name, stage }, (batch) => (calls.push(`classify:${label}`), batch));
      hooks.upload.tap({ name, stage }, (sinks) => (calls.push(`upload:${label}`), sinks));
    }
    const run = {} as never;
    const batch = {} as never;
    for (const stage of STAGES) {
      if (stage === 'discover') await hooks.discover.promise([], run);
      if (stage === 'parse') await hooks.parse.promise({} as never, run);
      if (stage === 'enrich') await hooks.enrich.promise(batch, run);
      if (stage === 'classify') await hooks.classify.promise(batch, run);
      if (stage === 'upload') await hooks.upload.promise([], run);
    }
    const expected = STAGES.flatMap((stage) => ['pre', 'default', 'post'].map((label) => `${stage}:${label}`));
    expect(calls).toEqual(expected);
  });

  it('honours before: for precise ordering within a stage', async () => {
    const hooks = createSyncHooks();
    const calls: string[] = [];
    hooks.enrich.tap('a', (b) => (calls.push('a'), b));
    hooks.enrich.tap({ name: 'b', before: 'a' }, (b) => (calls.push('b'), b));
    await hooks.enrich.promise({} as never, {} as never);
    expect(calls).toEqual(['b', 'a']);
  });

  it('refuses a tap after the pipeline was sealed, naming the plugin', () => {
    const hooks = createSyncHooks();
    sealHooks(hooks);
    expect(() => hooks.enrich.tap('late-plugin', (b) => b)).toThrow(PluginLoadError);
    expect(() => hooks.enrich.tap('late-plugin', (b) => b)).toThrow(/late-plugin.*enrich/);
  });
});
