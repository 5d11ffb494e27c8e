/**
 * Versioned price table, USD per million tokens (list prices; cache write = 5-minute cache writes).
 * Models are matched after dropping a trailing `-YYYYMMDD`; anything not listed is reported as unpriced.
 */
export const PRICE_TABLE_VERSION = '2026-11-01';

export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

const OPUS_3_4 = { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 };
const OPUS_4_5 = { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 };
const SONNET = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };
const HAIKU_4_5 = { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 };

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-4-6': OPUS_4_5,
  'claude-opus-4-5': OPUS_4_5,
  'claude-opus-4-1': OPUS_3_4,
  'claude-opus-4': OPUS_3_4,
  'claude-3-opus': OPUS_3_4,
  'claude-sonnet-4-5': SONNET,
  'claude-sonnet-4': SONNET,
  'claude-3-7-sonnet': SONNET,
  'claude-3-5-sonnet': SONNET,
  'claude-haiku-4-5': HAIKU_4_5,
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 },
  'claude-3-haiku': { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 },
};

/** The price of a model id as Claude Code records it, or null when unknown. */
export function priceOf(model: string): ModelPrice | null {
  const base = model.replace(/-\d{8}$/, '').replace(/-fast$/, '');
  return PRICES[base] ?? null;
}
