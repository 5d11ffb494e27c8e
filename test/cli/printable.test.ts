import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/printable.js';

describe('printable', () => {
  it('drops colour codes and other CSI sequences, keeping the text between them', () => {
    expect(printable('\u001b[1mStop\u001b[22m [ruff] \u001b[38;5;196mred\u001b[0m')).toBe('Stop [ruff] red');
    expect(printable('a\u001b[2Kb\u001b[?25lc')).toBe('abc');
    expect(printable('8-bit \u009b31mCSI')).toBe('8-bit CSI');
  });

  it('drops OSC sequences (window titles, hyperlinks) whichever way they end', () => {
    expect(printable('x\u001b]0;pwned\u0007y')).toBe('xy');
    expect(printable('x\u001b]8;;http://e.test\u001b\\link\u001b]8;;\u001b\\y')).toBe('xlinky');
    expect(printable('x\u001b]2;unterminated')).toBe('x');
  });

  it('turns other control characters into spaces and leaves the rest of Unicode alone', () => {
    expect(printable('line one\nline\ttwo\r\u0000\u007f')).toBe('line one line two   ');
    expect(printable('a lone \u001b escape')).toBe('a lone   escape');
    expect(printable('naïve café — 日本語 🚀 [x]')).toBe('naïve café — 日本語 🚀 [x]');
  });
});
