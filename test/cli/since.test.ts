import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/cli/since.js';

describe('parseSince', () => {
  const now = new Date('2025-06-15T12:00:00.000Z');

  it('reads a date as UTC midnight and a full time with its zone', () => {
    expect(parseSince('2025-06-01', now)).toBe('2025-06-01T00:00:00.000Z');
    expect(parseSince('2025-06-01T10:30:00Z', now)).toBe('2025-06-01T10:30:00.000Z');
    expect(parseSince('2025-06-01T10:30:00+02:00', now)).toBe('2025-06-01T08:30:00.000Z');
  });

  it('reads days and weeks back from now', () => {
    expect(parseSince('7d', now)).toBe('2025-06-08T12:00:00.000Z');
    expect(parseSince('2w', now)).toBe('2025-06-01T12:00:00.000Z');
    expect(parseSince(' 0d ', now)).toBe(now.toISOString());
  });

  it('refuses what names no time, or a local time that would differ per machine', () => {
    for (const bad of ['', 'yesterday', '7', '7h', '2025-13-01', '2025-06-01T10:30:00', 'June 1']) expect(parseSince(bad, now), bad).toBeNull();
  });
});
