import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../plugins-builtin/usage-cost/index.js';
import { priceOf } from '../../../plugins-builtin/usage-cost/prices.js';

const usage = (i: number, o: number, w: number, r: number) => ({ inputTokens: i, outputTokens: o, cacheCreationTokens: w, cacheReadTokens: r });

describe('estimateCost', () => {
  it('prices each model on its own tokens (sonnet 3/15/3.75/0.30 per MTok)', () => {
    const result = estimateCost({ 'claude-sonnet-4-5-20250929': usage(1_000_000, 100_000, 200_000, 2_000_000) });
    expect(result.costUsd).toBeCloseTo(3 + 1.5 + 0.75 + 0.6, 6);
    expect(result.unpricedModels).toEqual([]);
  });

  it('reports unknown models instead of guessing, and is null when nothing is priced', () => {
    expect(estimateCost({ haiku: usage(10, 10, 0, 0) })).toEqual({ costUsd: null, unpricedModels: ['haiku'] });
    const mixed = estimateCost({ 'claude-opus-4-1-20250805': usage(1_000_000, 0, 0, 0), 'mystery-model': usage(5, 5, 5, 5) });
    expect(mixed.costUsd).toBeCloseTo(15, 6);
    expect(mixed.unpricedModels).toEqual(['mystery-model']);
  });

  it('matches dated and undated ids', () => {
    expect(priceOf('claude-haiku-4-5-20251001')).toEqual(priceOf('claude-haiku-4-5'));
    expect(priceOf('claude-opus-4-6')?.input).toBe(5);
  });
});
