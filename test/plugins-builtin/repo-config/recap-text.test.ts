import { describe, expect, it } from 'vitest';
import { recapText } from '../../../plugins-builtin/repo-config/recap-text.js';
import { capText } from '../../../src/records/cap-text.js';

describe('recapText', () => {
  const original = 'abcdefghij'.repeat(10); // 100 characters

  it('leaves text within the cap alone', () => {
    expect(recapText('short', 10)).toBe('short');
    expect(recapText(capText(original, 30), 40)).toBe(capText(original, 30));
  });

  it('caps uncapped text like capText', () => {
    expect(recapText(original, 25)).toBe(capText(original, 25));
  });

  it('caps already-capped text as capText would have capped the original', () => {
    expect(recapText(capText(original, 60), 20)).toBe(capText(original, 20));
  });

  it('never splits a surrogate pair', () => {
    const emoji = 'x'.repeat(9) + '😀'.repeat(10);
    const out = recapText(capText(emoji, 15), 10);
    expect(out).toBe(capText(emoji, 10));
    expect(out.startsWith('x'.repeat(9) + '…')).toBe(true);
  });
});
