/** Built-in titler: gives every session a title from its digest (Claude Code titles first, then the best early prompt). */
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { resolveOptions, type LazyOptions } from '../../src/plugins/lazy-options.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { TITLER_DEFAULTS } from './defaults.js';
import { generateTitle } from './generate-title.js';
import type { HeuristicTitlerInput, HeuristicTitlerOptions } from './options.js';

const PLUGIN_NAME = 'heuristic-titler';

export { generateTitle } from './generate-title.js';
export type { HeuristicTitlerInput, HeuristicTitlerOptions } from './options.js';
export { TITLER_DEFAULTS } from './defaults.js';

const OPTIONS: LazyOptions<HeuristicTitlerOptions> = {
  plugin: PLUGIN_NAME,
  schema: async () => (await import('./options.js')).titlerOptionsSchema,
  defaults: TITLER_DEFAULTS,
};

/** Options passed here win (validated when the plugin is applied); without them the loader's `context.options` apply. */
export function heuristicTitler(options?: HeuristicTitlerInput): SyncPlugin<HeuristicTitlerInput> {
  return definePlugin<HeuristicTitlerInput>({
    name: PLUGIN_NAME,
    provides: 'titler',
    optionsSchema: OPTIONS.schema,
    async apply(hooks, context) {
      const resolved = await resolveOptions(OPTIONS, options, context.options);
      hooks.classify.tap(PLUGIN_NAME, (batch) => ({
        ...batch,
        session: { ...batch.session, ...generateTitle(batch.session, resolved) },
      }));
    },
  });
}
