import { describe, expect, it } from 'vitest';
import { check, toReport } from '../../src/doctor/check.js';
import { renderDoctor, summary } from '../../src/doctor/render-doctor.js';

const mixed = toReport([
  check('runtime', 'node', 'ok', 'Node 24'),
  check('state', 'dir', 'warn', '/h has mode 755', 'chmod 700 /h'),
  check('config', 'load', 'fail', 'Invalid configuration:\n  limits.x: bad (in /c.json)', 'Fix it'),
  check('hook', 'installed', 'info', 'not installed', 'ignored for info'),
]);

describe('renderDoctor', () => {
  it('one line per check with its symbol, continuation lines and a → fix under warnings and failures only', () => {
    expect(renderDoctor(mixed, { color: false })).toEqual([
      '✓ runtime   Node 24',
      '! state     /h has mode 755',
      '            → chmod 700 /h',
      '✗ config    Invalid configuration:',
      '            limits.x: bad (in /c.json)',
      '            → Fix it',
      '· hook      not installed',
      '',
      '1 problem, 1 warning',
    ]);
  });

  it('colours only when asked', () => {
    expect(renderDoctor(mixed, { color: false }).join('\n')).not.toContain('\u001B[');
    const coloured = renderDoctor(mixed, { color: true });
    expect(coloured[0]).toBe('\u001B[32m✓\u001B[0m runtime   Node 24');
    expect(coloured[3]).toMatch(/^\u001B\[31m✗/);
  });

  it('summarises', () => {
    expect(summary(toReport([check('runtime', 'node', 'ok', 'x'), check('hook', 'installed', 'info', 'y')]))).toBe('All checks passed');
    expect(summary(toReport([check('store', 'a', 'fail', 'x'), check('store', 'b', 'fail', 'y'), check('state', 'c', 'warn', 'z')]))).toBe('2 problems, 1 warning');
    expect(summary(toReport([check('state', 'c', 'warn', 'z')]))).toBe('0 problems, 1 warning');
  });
});
