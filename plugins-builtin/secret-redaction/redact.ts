/** Replaces secrets in text by a visible marker; pure, so every field of a record goes through the same rules. */
import { ANY_SECRET_HINT, BUILTIN_PATTERNS, type RedactionPattern } from './patterns.js';

/** Returns `text` with every pattern's matches replaced. */
export function redactText(text: string, patterns: readonly RedactionPattern[]): string {
  if (!text) return text;
  // Only the built-in patterns share this quick test; configured rules always run.
  const builtinsOnly = patterns.length === BUILTIN_PATTERNS.length && patterns.every((p, i) => p === BUILTIN_PATTERNS[i]);
  if (builtinsOnly && !ANY_SECRET_HINT.test(text)) return text;
  let out = text;
  for (const { name, regex, keep = 0, hint } of patterns) {
    if (hint && !hint(out)) continue;
    regex.lastIndex = 0;
    if (!regex.test(out)) continue;
    regex.lastIndex = 0;
    out = out.replace(regex, (...args: unknown[]) => {
      const groups = args.slice(1, 1 + keep).map((g) => (typeof g === 'string' ? g : ''));
      return `${groups.join('')}[REDACTED:${name}]`;
    });
  }
  return out;
}

/** Redacts a nullable string. */
export function redactMaybe(text: string | null, patterns: readonly RedactionPattern[]): string | null {
  return text === null ? null : redactText(text, patterns);
}
