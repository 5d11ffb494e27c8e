/** DEDUP (CORPUS.md): key, largest total, ties to the first, sidechain copies dropped, loose lines summed. */
import { describe, expect, it } from 'vitest';
import { dedupKey, emptyScope, offerUsage, resolveDedup, type DedupScope, type KeptEntry } from '../../../plugins-builtin/claude-code-source/dedup.js';

type Line = { mid?: string; req?: string; tokens: [number, number, number, number]; side?: boolean; model?: string; synthetic?: boolean };
function scope(lines: Line[]): DedupScope {
  const s = emptyScope();
  for (const l of lines) {
    const entry: KeptEntry = [l.mid ?? '', ...l.tokens, l.side ? 1 : 0, l.model ?? 'm', l.synthetic ? 1 : 0];
    offerUsage(s, dedupKey(l.mid, l.req), entry);
  }
  return s;
}
const usage = (i: number, o: number, cc: number, cr: number) => ({ inputTokens: i, outputTokens: o, cacheCreationTokens: cc, cacheReadTokens: cr });

describe('dedupKey', () => {
  it('is message.id:requestId, message.id alone without a requestId, and null without a message.id', () => {
    expect(dedupKey('msg_1', 'req_1')).toBe('msg_1:req_1');
    expect(dedupKey('msg_1', undefined)).toBe('msg_1');
    expect(dedupKey('msg_1', '')).toBe('msg_1');
    expect(dedupKey(undefined, 'req_1')).toBeNull();
    expect(dedupKey('', 'req_1')).toBeNull();
  });
});

describe('resolveDedup', () => {
  it('keeps the line with the largest total per key, not the sum and not the first', () => {
    // One API response streamed as three lines whose output grows: 10, 10, 299.
    const s = scope([
      { mid: 'a', req: 'r', tokens: [3, 10, 100, 1000] },
      { mid: 'a', req: 'r', tokens: [3, 10, 100, 1000] },
      { mid: 'a', req: 'r', tokens: [3, 299, 100, 1000] },
      { mid: 'b', req: 'r2', tokens: [1, 5, 0, 0] },
    ]);
    expect(resolveDedup([s]).usage).toEqual(usage(4, 304, 100, 1000));
  });

  it('keeps the first line on a tie, in file order and then across files in the order given', () => {
    const first = scope([{ mid: 'a', req: 'r', tokens: [10, 0, 0, 0], model: 'first' }, { mid: 'a', req: 'r', tokens: [0, 10, 0, 0], model: 'second' }]);
    expect(resolveDedup([first]).byModel).toEqual({ first: usage(10, 0, 0, 0) });
    const other = scope([{ mid: 'a', req: 'r', tokens: [0, 0, 10, 0], model: 'other' }]);
    expect(resolveDedup([other, first]).byModel).toEqual({ other: usage(0, 0, 10, 0) });
    expect(resolveDedup([first, other]).byModel).toEqual({ first: usage(10, 0, 0, 0) });
  });

  it('drops a kept sidechain copy of a message that has a kept non-sidechain entry, even under another requestId', () => {
    const parent = scope([{ mid: 'a', req: 'r1', tokens: [1, 50, 0, 9000] }]);
    const replay = scope([{ mid: 'a', req: 'r2', tokens: [1, 50, 0, 9000], side: true }, { mid: 'own', req: 'r3', tokens: [2, 7, 0, 0], side: true }]);
    expect(resolveDedup([replay]).usage).toEqual(usage(3, 57, 0, 9000));
    expect(resolveDedup([parent, replay]).usage).toEqual(usage(3, 57, 0, 9000));
    expect(resolveDedup([replay, parent]).usage).toEqual(usage(3, 57, 0, 9000));
  });

  it('never merges lines without a message.id, and leaves synthetic lines out of usage by model', () => {
    const s = scope([
      { tokens: [1, 1, 0, 0], model: 'x' },
      { tokens: [1, 1, 0, 0], model: 'x' },
      { mid: 's', tokens: [5, 0, 0, 0], model: '<synthetic>', synthetic: true },
      { mid: 'k', req: 'q', tokens: [0, 3, 0, 0], model: 'x' },
    ]);
    const r = resolveDedup([s]);
    expect(r.usage).toEqual(usage(7, 5, 0, 0));
    expect(r.byModel).toEqual({ x: usage(2, 5, 0, 0) });
  });

  it('does not let a model name from a transcript reach an object prototype', () => {
    const r = resolveDedup([scope([{ mid: 'a', req: 'r', tokens: [1, 2, 3, 4], model: '__proto__' }, { tokens: [1, 0, 0, 0], model: '__proto__' }])]);
    expect(Object.getPrototypeOf(r.byModel)).toBe(Object.prototype);
    expect(Object.entries(r.byModel)).toEqual([['__proto__', usage(2, 2, 3, 4)]]);
  });
});
