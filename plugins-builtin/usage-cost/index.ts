/** Estimates each session's cost from its per-model usage and the price table; unknown models are listed, not guessed. */
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import type { Usage } from '../../src/records/types.js';
import { priceOf } from './prices.js';

const PLUGIN_NAME = 'usage-cost';

/** Cost in USD of per-model usage, and the models that had no price. */
export function estimateCost(usageByModel: Record<string, Usage>): { costUsd: number | null; unpricedModels: string[] } {
  let total = 0;
  let priced = 0;
  const unpriced: string[] = [];
  for (const [model, usage] of Object.entries(usageByModel)) {
    const price = priceOf(model);
    if (!price) {
      unpriced.push(model);
      continue;
    }
    priced += 1;
    total +=
      (usage.inputTokens * price.input +
        usage.outputTokens * price.output +
        usage.cacheCreationTokens * price.cacheWrite +
        usage.cacheReadTokens * price.cacheRead) /
      1_000_000;
  }
  // Rounded to a millionth of a dollar so incremental and full syncs agree despite float summation order.
  return { costUsd: priced === 0 ? null : Math.round(total * 1e6) / 1e6, unpricedModels: unpriced.sort() };
}

export function usageCost() {
  return definePlugin({
    name: PLUGIN_NAME,
    provides: 'cost',
    apply(hooks) {
      hooks.enrich.tap({ name: PLUGIN_NAME, stage: STAGE_ORDER.POST }, (batch) => ({
        ...batch,
        session: { ...batch.session, ...estimateCost(batch.session.usageByModel) },
      }));
    },
  });
}
