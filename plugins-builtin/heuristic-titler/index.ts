/** Built-in titler: gives every session a title from its digest (Claude Code titles first, then the best early prompt). */
import { ConfigError } from '../../src/errors.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { generateTitle } from './generate-title.js';
import { titlerOptionsSchema, type HeuristicTitlerInput, type HeuristicTitlerOptions } from './options.js';

const PLUGIN_NAME = 'heuristic-titler';

export { generateTitle } from './generate-title.js';
export { titlerOptionsSchema, type HeuristicTitlerInput, type HeuristicTitlerOptions } from './options.js';

/** Validates options, naming the plugin and the offending key. */
function parseOptions(raw: unknown): HeuristicTitlerOptions {
  const parsed = titlerOptionsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `options.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(`[${PLUGIN_NAME}] invalid options: ${issues.join('; ')}`);
}

/** Options passed here win; without them the loader's validated `context.options` apply. */
export function heuristicTitler(options?: HeuristicTitlerInput): SyncPlugin<HeuristicTitlerOptions> {
  const fromFactory = options === undefined ? undefined : parseOptions(options);
  return definePlugin<HeuristicTitlerOptions>({
    name: PLUGIN_NAME,
    provides: 'titler',
    optionsSchema: titlerOptionsSchema,
    apply(hooks, context) {
      const resolved = fromFactory ?? parseOptions(context.options);
      hooks.classify.tap(PLUGIN_NAME, (batch) => ({
        ...batch,
        session: { ...batch.session, ...generateTitle(batch.session, resolved) },
      }));
    },
  });
}
