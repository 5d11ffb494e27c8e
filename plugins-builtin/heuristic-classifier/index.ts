/** Built-in classifier: labels each session's character (bug hunt, feature build…) from its digest and counters. */
import { STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { resolveOptions, type LazyOptions } from '../../src/plugins/lazy-options.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { classifySession } from './classify-session.js';
import { CLASSIFIER_DEFAULTS } from './defaults.js';
import type { HeuristicClassifierInput, HeuristicClassifierOptions } from './options.js';

const PLUGIN_NAME = 'heuristic-classifier';

export { classifySession } from './classify-session.js';
export type { HeuristicClassifierInput, HeuristicClassifierOptions } from './options.js';
export { CLASSIFIER_DEFAULTS } from './defaults.js';

const OPTIONS: LazyOptions<HeuristicClassifierOptions> = {
  plugin: PLUGIN_NAME,
  schema: async () => (await import('./options.js')).classifierOptionsSchema,
  defaults: CLASSIFIER_DEFAULTS,
};

/** Options passed here win (validated when the plugin is applied); without them the loader's `context.options` apply. */
export function heuristicClassifier(options?: HeuristicClassifierInput): SyncPlugin<HeuristicClassifierInput> {
  return definePlugin<HeuristicClassifierInput>({
    name: PLUGIN_NAME,
    provides: 'classifier',
    optionsSchema: OPTIONS.schema,
    async apply(hooks, context) {
      const resolved = await resolveOptions(OPTIONS, options, context.options);
      // POST: runs after the titler and other default-stage taps, on the session they produced.
      hooks.classify.tap({ name: PLUGIN_NAME, stage: STAGE_ORDER.POST }, (batch) => ({
        ...batch,
        session: { ...batch.session, ...classifySession(batch.session, resolved) },
      }));
    },
  });
}
