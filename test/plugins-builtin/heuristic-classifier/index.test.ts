import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { createSyncHooks } from '../../../src/pipeline/sync-hooks.js';
import { CLASSIFIER_DEFAULTS, heuristicClassifier } from '../../../plugins-builtin/heuristic-classifier/index.js';
import { classifierOptionsSchema } from '../../../plugins-builtin/heuristic-classifier/options.js';
import { makeSession } from '../../helpers/make-session.js';
import { makeBatch, makeContext, makeRun } from '../../helpers/pipeline-run.js';

const defaults = classifierOptionsSchema.parse({});

describe('heuristicClassifier plugin', () => {
  it('is named, provides the classifier role and loads its options schema only when asked', async () => {
    const plugin = heuristicClassifier();
    expect(plugin.name).toBe('heuristic-classifier');
    expect(plugin.provides).toBe('classifier');
    expect(typeof plugin.optionsSchema).toBe('function');
    expect(await (plugin.optionsSchema as () => Promise<unknown>)()).toBe(classifierOptionsSchema);
  });

  it('works with the defaults the schema gives when config sets no options', async () => {
    expect(defaults).toEqual(CLASSIFIER_DEFAULTS);
    const session = makeSession({ humanPromptCount: 2, toolCallCount: 8, digest: { prompts: ['hm'], toolCounts: { Read: 8 } } });
    const hooks = createSyncHooks();
    await heuristicClassifier().apply(hooks, makeContext({}));
    expect((await hooks.classify.promise(makeBatch(session), makeRun('/tmp'))).session.character).toBe('exploration');
  });

  it('sets character and signals, and runs after default-stage taps even when applied first', async () => {
    const hooks = createSyncHooks();
    await heuristicClassifier().apply(hooks, makeContext(defaults));
    const seen: string[] = [];
    hooks.classify.tap('later-default-tap', (batch) => {
      seen.push(`default:${batch.session.character}`);
      return { ...batch, session: { ...batch.session, digest: { ...batch.session.digest, prompts: ['Refactor the loader'] } } };
    });
    const session = makeSession({ toolCallCount: 2, digest: { prompts: ['Add a doctor command'], toolCounts: { Edit: 2 } } });
    const out = await hooks.classify.promise(makeBatch(session), makeRun('/tmp'));
    expect(seen).toEqual(['default:null']);
    // It saw the prompt the default-stage tap put there.
    expect(out.session.character).toBe('refactor');
    expect(out.session.characterSignals).toMatchObject({ rule: 'refactor-request', toolCalls: 2, editTools: 2, intent: 'refactor' });
    expect(out.session.title).toBeNull();
  });

  it('recomputes on every call, so a growing session can change character', async () => {
    const hooks = createSyncHooks();
    await heuristicClassifier().apply(hooks, makeContext(defaults));
    const early = makeSession({ humanPromptCount: 1, toolCallCount: 2, digest: { prompts: ['The sidebar padding looks odd'], toolCounts: { Read: 2 } } });
    const first = await hooks.classify.promise(makeBatch(early), makeRun('/tmp'));
    expect(first.session.character).toBe('quick_task');

    const grown = {
      ...first.session,
      humanPromptCount: 3,
      toolCallCount: 60,
      toolErrorCount: 15,
      digest: { ...first.session.digest, toolCounts: { Read: 20, Bash: 30, Edit: 10 } },
    };
    const second = await hooks.classify.promise(makeBatch(grown), makeRun('/tmp'));
    expect(second.session.character).toBe('bug_hunt');
    expect(second.session.characterSignals?.rule).toBe('debugging-loop');
  });

  it('says null, with the rule, when the session has nothing to judge', async () => {
    const hooks = createSyncHooks();
    await heuristicClassifier().apply(hooks, makeContext(defaults));
    const out = await hooks.classify.promise(makeBatch(makeSession({ character: 'bug_hunt' })), makeRun('/tmp'));
    expect(out.session.character).toBeNull();
    expect(out.session.characterSignals?.rule).toBe('no-activity');
  });

  it('uses factory options over the context, and context options when the factory had none', async () => {
    const session = makeSession({ humanPromptCount: 2, toolCallCount: 8, digest: { prompts: ['hm'], toolCounts: { Read: 8 } } });
    const viaFactory = createSyncHooks();
    await heuristicClassifier({ quickMaxToolCalls: 10 }).apply(viaFactory, makeContext(defaults));
    expect((await viaFactory.classify.promise(makeBatch(session), makeRun('/tmp'))).session.character).toBe('quick_task');

    const viaContext = createSyncHooks();
    await heuristicClassifier().apply(viaContext, makeContext(defaults));
    expect((await viaContext.classify.promise(makeBatch(session), makeRun('/tmp'))).session.character).toBe('exploration');
  });

  it('rejects unknown or invalid factory options with a ConfigError naming the key when applied', async () => {
    await expect(heuristicClassifier({ editShare: 2 }).apply(createSyncHooks(), makeContext({}))).rejects.toThrow(ConfigError);
    await expect(heuristicClassifier({ editshare: 0.5 } as never).apply(createSyncHooks(), makeContext({}))).rejects.toThrow(/heuristic-classifier.*options.*editshare/);
    expect(classifierOptionsSchema.safeParse({ deepMinToolCalls: -1 }).success).toBe(false);
  });
});
