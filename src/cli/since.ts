/** `--since` values: a date (`2025-06-01`, UTC midnight), a full ISO time, or a span back from now (`7d`, `4w`). */

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

/** How to write a `--since` value, for the error when one names no time. */
export const SINCE_FORMS = 'Give a date (2025-06-01), an ISO time with its zone, or a span back from now (7d, 4w)';

/** The error message for a `--since` value that names no time. */
export function sinceError(value: string): string {
  return `--since ${value} names no time`;
}

/** The `--since` flag's help. */
export const SINCE_DESCRIPTION = 'Only sessions started since then: a date (2025-06-01, UTC), an ISO time with its zone, or 7d / 4w back from now';
