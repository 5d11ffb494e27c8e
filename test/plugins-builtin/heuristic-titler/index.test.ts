import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { createSyncHooks } from '../../../src/pipeline/sync-hooks.js';
import { heuristicTitler, TITLER_DEFAULTS } from '../../../plugins-builtin/heuristic-titler/index.js';
import { titlerOptionsSchema } from '../../../plugins-builtin/heuristic-titler/options.js';
import { makeSession } from '../../helpers/make-session.js';
import { makeBatch, makeContext, makeRun } from '../../helpers/pipeline-run.js';

describe('heuristicTitler plugin', () => {
  it('is named, provides the titler role and loads its options schema only when asked', async () => {
    const plugin = heuristicTitler();
    expect(plugin.name).toBe('heuristic-titler');
    expect(plugin.provides).toBe('titler');
    expect(typeof plugin.optionsSchema).toBe('function');
    expect(await (plugin.optionsSchema as () => Promise<unknown>)()).toBe(titlerOptionsSchema);
  });

  it('applies the defaults the schema would give when config sets no options', async () => {
    expect(titlerOptionsSchema.parse({})).toEqual(TITLER_DEFAULTS);
    const session = makeSession({ digest: { aiTitle: `${'A long title '.repeat(10)}end` } });
    const viaDefaults = createSyncHooks();
    await heuristicTitler().apply(viaDefaults, makeContext({}));
    const viaSchema = createSyncHooks();
    await heuristicTitler().apply(viaSchema, makeContext(titlerOptionsSchema.parse({})));
    const title = async (hooks: typeof viaDefaults) => (await hooks.classify.promise(makeBatch(session), makeRun('/tmp'))).session.title;
    expect(await title(viaDefaults)).toBe(await title(viaSchema));
  });

  it('sets title and titleSource on classify and leaves everything else alone', async () => {
    const hooks = createSyncHooks();
    await heuristicTitler().apply(hooks, makeContext(titlerOptionsSchema.parse({})));
    const session = makeSession({ customTitle: 'Kept by the user', digest: { prompts: ['Add a doctor command'] } });
    const batch = makeBatch(session);
    const out = await hooks.classify.promise(batch, makeRun('/tmp'));
    expect(out.session.title).toBe('Add a doctor command');
    expect(out.session.titleSource).toBe('prompt');
    expect(out.session.customTitle).toBe('Kept by the user');
    expect({ ...out.session, title: null, titleSource: null }).toEqual(session);
    expect(batch.session.title).toBeNull(); // the input batch is not mutated
  });

  it('uses factory options over the context, and context options when the factory had none', async () => {
    const session = makeSession({ digest: { aiTitle: 'A rather long title produced by Claude Code itself' } });
    const viaFactory = createSyncHooks();
    await heuristicTitler({ maxLength: 20 }).apply(viaFactory, makeContext(titlerOptionsSchema.parse({})));
    expect((await viaFactory.classify.promise(makeBatch(session), makeRun('/tmp'))).session.title).toBe('A rather long title…');

    const viaContext = createSyncHooks();
    await heuristicTitler().apply(viaContext, makeContext(titlerOptionsSchema.parse({ maxLength: 16 })));
    expect((await viaContext.classify.promise(makeBatch(session), makeRun('/tmp'))).session.title).toBe('A rather long…');
  });

  it('rejects unknown or invalid factory options with a ConfigError naming the key when applied', async () => {
    await expect(heuristicTitler({ maxLength: 3 }).apply(createSyncHooks(), makeContext({}))).rejects.toThrow(ConfigError);
    await expect(heuristicTitler({ maxLenght: 40 } as never).apply(createSyncHooks(), makeContext({}))).rejects.toThrow(/heuristic-titler.*options.*maxLenght/);
    expect(titlerOptionsSchema.safeParse({ extra: true }).success).toBe(false);
    expect(titlerOptionsSchema.parse({})).toEqual({ maxLength: 80, promptCandidates: 5 });
  });
});
