import { describe, expect, it } from 'vitest';
import { check, scrubUrlCredentials, suggestionsOf, toReport } from '../../src/doctor/check.js';
import { ConfigError } from '../../src/errors.js';

describe('check', () => {
  it('prefixes the id with the group and leaves out an empty fix', () => {
    expect(check('state', 'lock', 'ok', 'fine')).toEqual({ id: 'state.lock', group: 'state', status: 'ok', message: 'fine' });
    expect(check('state', 'dir', 'warn', 'loose', 'chmod 700 x')).toMatchObject({ fix: 'chmod 700 x' });
  });

  it('scrubs credentials from URLs in messages and fixes, and leaves other text alone', () => {
    const c = check('plugins', 'load', 'fail', 'Cannot load https://alice:s3cr3t@example.com/p.js', 'see git+ssh://tok@host/x');
    expect(c.message).toBe('Cannot load https://***@example.com/p.js');
    expect(c.fix).toBe('see git+ssh://***@host/x');
    expect(JSON.stringify(c)).not.toMatch(/s3cr3t|tok@/);
    expect(scrubUrlCredentials('https://example.com/a@b and user@example.com')).toBe('https://example.com/a@b and user@example.com');
  });

  it('a report is ok unless a check failed; warnings and info do not count', () => {
    expect(toReport([check('state', 'a', 'warn', 'x'), check('hook', 'b', 'info', 'y')]).ok).toBe(true);
    expect(toReport([check('state', 'a', 'ok', 'x'), check('store', 'b', 'fail', 'y')]).ok).toBe(false);
  });

  it('joins the suggestions of our errors only', () => {
    expect(suggestionsOf(new ConfigError('bad', { suggestions: ['one', 'two'] }))).toBe('one; two');
    expect(suggestionsOf(new ConfigError('bad'))).toBeUndefined();
    expect(suggestionsOf(new Error('plain'))).toBeUndefined();
  });
});
