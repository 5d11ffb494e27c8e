/** A message's text built from parts, capped as it grows, renders exactly like capText of the whole text. */
import { describe, expect, it } from 'vitest';
import { appendCapped, emptyCapped, PART_SEPARATOR, renderCapped } from '../../../plugins-builtin/claude-code-source/capped-text.js';
import { capText } from '../../../src/records/cap-text.js';

describe('appendCapped / renderCapped', () => {
  const parts = ['hello', '', 'a🚀b🚀c', 'x'.repeat(40), '日本語テキスト', '🚀🚀🚀🚀'];

  it('equals capText(parts.join(separator), max) for every max, including cuts inside surrogate pairs', () => {
    const full = parts.join(PART_SEPARATOR);
    for (let max = 0; max <= full.length + 2; max++) {
      let acc = emptyCapped();
      for (const part of parts) acc = appendCapped(acc, part, max);
      expect({ max, text: renderCapped(acc, max) }).toEqual({ max, text: capText(full, max) });
      expect(acc[0].length).toBeLessThanOrEqual(max);
    }
  });

  it('shows the truncation marker with the count of characters cut', () => {
    let acc = emptyCapped();
    acc = appendCapped(acc, 'abcdef', 4);
    acc = appendCapped(acc, 'gh', 4);
    expect(renderCapped(acc, 4)).toBe(`abcd… [truncated ${6 + PART_SEPARATOR.length + 2 - 4} chars]`);
  });
});
