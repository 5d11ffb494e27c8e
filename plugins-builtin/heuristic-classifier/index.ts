/** Built-in classifier: labels each session's character (bug hunt, feature build…) from its digest and counters. */
import { ConfigError } from '../../src/errors.js';
import { STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { classifySession } from './classify-session.js';
import { classifierOptionsSchema, type HeuristicClassifierInput, type HeuristicClassifierOptions } from './options.js';

const PLUGIN_NAME = 'heuristic-classifier';

export { classifySession } from './classify-session.js';
export { classifierOptionsSchema, type HeuristicClassifierInput, type HeuristicClassifierOptions } from './options.js';

/** Validates options, naming the plugin and the offending key. */
function parseOptions(raw: unknown): HeuristicClassifierOptions {
  const parsed = classifierOptionsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `options.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(`[${PLUGIN_NAME}] invalid options: ${issues.join('; ')}`);
}

/** Options passed here win; without them the loader's validated `context.options` apply. */
export function heuristicClassifier(options?: HeuristicClassifierInput): SyncPlugin<HeuristicClassifierOptions> {
  const fromFactory = options === undefined ? undefined : parseOptions(options);
  return definePlugin<HeuristicClassifierOptions>({
    name: PLUGIN_NAME,
    provides: 'classifier',
    optionsSchema: classifierOptionsSchema,
    apply(hooks, context) {
      const resolved = fromFactory ?? parseOptions(context.options);
      // POST: runs after the titler and other default-stage taps, on the session they produced.
      hooks.classify.tap({ name: PLUGIN_NAME, stage: STAGE_ORDER.POST }, (batch) => ({
        ...batch,
        session: { ...batch.session, ...classifySession(batch.session, resolved) },
      }));
    },
  });
}
