/**
 * Token de-duplication, the ccusage rule of CORPUS.md "DEDUP(scope)": one entry per
 * `message.id:requestId` (the largest total wins, ties keep the first), then kept sidechain copies of
 * a message that also has a kept non-sidechain entry are dropped. Entries are JSON tuples so a
 * file's reduced map can live in its fold and be merged with its subagents' maps later.
 */
import type { Usage } from '../../src/records/types.js';

/** input, output, cache creation, cache read. */
export type Tokens = [number, number, number, number];

/** A kept usage line: `[message.id, input, output, cacheCreation, cacheRead, isSidechain, model, synthetic]`. */
export type KeptEntry = [mid: string, input: number, output: number, cacheCreation: number, cacheRead: number, sidechain: 0 | 1, model: string | null, synthetic: 0 | 1];

/** Usage of lines without a `message.id`: never merged nor dropped, so a running sum is enough. */
export interface LooseUsage {
  tokens: Tokens;
  /** Non-synthetic loose tokens by model (a Map: model names come from transcripts, never used as object keys). */
  byModel: Map<string, Tokens>;
}

/** One file's reduced usage lines. */
export interface DedupScope {
  kept: Map<string, KeptEntry>;
  loose: LooseUsage;
}

/** An empty scope. */
export function emptyScope(): DedupScope {
  return { kept: new Map(), loose: { tokens: [0, 0, 0, 0], byModel: new Map() } };
}

/** The de-dup key of a line, or null when it has no message id (then it is never merged). */
export function dedupKey(messageId: string | undefined, requestId: string | undefined): string | null {
  if (!messageId) return null;
  return requestId ? `${messageId}:${requestId}` : messageId;
}

/** input+output+cache creation+cache read. */
export function entryTotal(entry: KeptEntry): number {
  return entry[1] + entry[2] + entry[3] + entry[4];
}

/** Folds one usage line (in file order) into a scope. */
export function offerUsage(scope: DedupScope, key: string | null, entry: KeptEntry): void {
  if (key === null) {
    addLoose(scope.loose, entry);
    return;
  }
  const current = scope.kept.get(key);
  if (current === undefined || entryTotal(entry) > entryTotal(current)) scope.kept.set(key, entry);
}

/** Usage and usage by model (synthetic excluded) of scopes given in canonical order (sorted relative paths). */
export function resolveDedup(scopes: readonly DedupScope[]): { usage: Usage; byModel: Record<string, Usage> } {
  let kept: Map<string, KeptEntry>;
  if (scopes.length === 1 && scopes[0]) {
    kept = scopes[0].kept;
  } else {
    kept = new Map();
    for (const scope of scopes) {
      for (const [key, entry] of scope.kept) {
        const current = kept.get(key);
        if (current === undefined || entryTotal(entry) > entryTotal(current)) kept.set(key, entry);
      }
    }
  }
  const mainIds = new Set<string>();
  for (const entry of kept.values()) if (entry[5] === 0) mainIds.add(entry[0]);
  const total: Tokens = [0, 0, 0, 0];
  const byModel = new Map<string, Tokens>();
  for (const entry of kept.values()) {
    if (entry[5] === 1 && mainIds.has(entry[0])) continue;
    addTokens(total, entry);
    if (entry[7] === 0 && entry[6] !== null) addTokens(modelTokens(byModel, entry[6]), entry);
  }
  for (const scope of scopes) {
    addTokens(total, [null, ...scope.loose.tokens]);
    for (const [model, tokens] of scope.loose.byModel) addTokens(modelTokens(byModel, model), [null, ...tokens]);
  }
  const models = [...byModel.keys()].sort();
  return { usage: toUsage(total), byModel: Object.fromEntries(models.map((m) => [m, toUsage(modelTokens(byModel, m))])) };
}

/** Record-shaped usage from a token tuple. */
export function toUsage(tokens: Tokens): Usage {
  return { inputTokens: tokens[0], outputTokens: tokens[1], cacheCreationTokens: tokens[2], cacheReadTokens: tokens[3] };
}

function addLoose(loose: LooseUsage, entry: KeptEntry): void {
  addTokens(loose.tokens, entry);
  if (entry[7] === 0 && entry[6] !== null) addTokens(modelTokens(loose.byModel, entry[6]), entry);
}

function modelTokens(byModel: Map<string, Tokens>, model: string): Tokens {
  let tokens = byModel.get(model);
  if (tokens === undefined) byModel.set(model, (tokens = [0, 0, 0, 0]));
  return tokens;
}

function addTokens(into: Tokens, entry: readonly [unknown, number, number, number, number, ...unknown[]]): void {
  into[0] += entry[1];
  into[1] += entry[2];
  into[2] += entry[3];
  into[3] += entry[4];
}
