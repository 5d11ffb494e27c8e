/** `--since` values: a date (`2025-06-01`, UTC midnight), a full ISO time, or a span back from now (`7d`, `4w`). */
import { CodeInsightsError, EXIT } from '../errors.js';

const SPAN = /^(\d+)([dw])$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO time `value` names, or null when it names none. */
export function parseSince(value: string, now = new Date()): string | null {
  const text = value.trim();
  const span = SPAN.exec(text);
  if (span) return new Date(now.getTime() - Number(span[1]) * (span[2] === 'w' ? 7 : 1) * DAY_MS).toISOString();
  const time = Date.parse(DATE.test(text) ? `${text}T00:00:00.000Z` : text);
  // Only forms that say their time zone (or a plain date, taken as UTC): a local time would differ per machine.
  if (Number.isNaN(time) || !(DATE.test(text) || /(?:Z|[+-]\d{2}:?\d{2})$/u.test(text))) return null;
  return new Date(time).toISOString();
}

/** The ISO time of a `--since` flag, null without one; a value that names no time is a usage error. */
export function sinceFlag(value: string | undefined, now = new Date()): string | null {
  if (value === undefined) return null;
  const since = parseSince(value, now);
  if (since !== null) return since;
  throw new CodeInsightsError(`--since ${value} names no time`, {
    code: 'USAGE',
    exitCode: EXIT.USAGE,
    suggestions: ['Give a date (2025-06-01), an ISO time with its zone, or a span back from now (7d, 4w)'],
  });
}

/** The `--since` flag's help. */
export const SINCE_DESCRIPTION = 'Only sessions started since then: a date (2025-06-01, UTC), an ISO time with its zone, or 7d / 4w back from now';
