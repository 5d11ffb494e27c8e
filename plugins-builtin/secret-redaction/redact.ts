/** Replaces secrets in text by a visible marker; pure, so every field of a record goes through the same rules. */
import { ANY_KEYWORD, BUILTIN_PATTERNS, KEYWORDS, keywordOf, MAY_HOLD_SECRET, type RedactionPattern } from './patterns.js';

const NONE: ReadonlySet<string> = new Set();

/** Returns `text` with every pattern's matches replaced. */
export function redactText(text: string, patterns: readonly RedactionPattern[]): string {
  if (!text) return text;
  // Most text stops here, unless configured rules (which have no such test) come along.
  if (patterns === BUILTIN_PATTERNS && !MAY_HOLD_SECRET.test(text)) return text;
  // The keywords in `out`, looked for when first needed and again after a replacement.
  let found: ReadonlySet<string> | undefined;
  let out = text;
  for (const pattern of patterns) {
    const { keywords } = pattern;
    if (keywords) {
      found ??= ANY_KEYWORD.test(out) ? keywordsIn(out) : NONE;
      if (!keywords.some((k) => found?.has(k))) continue;
    }
    const next = replaceAll(out, pattern);
    if (next !== out) {
      out = next;
      found = undefined;
    }
  }
  return out;
}

/** Redacts a nullable string. */
export function redactMaybe(text: string | null, patterns: readonly RedactionPattern[]): string | null {
  return text === null ? null : redactText(text, patterns);
}

function keywordsIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(KEYWORDS)) found.add(keywordOf(match[0]));
  return found;
}

function replaceAll(text: string, pattern: RedactionPattern): string {
  const { regex, name, keep = 0 } = pattern;
  regex.lastIndex = 0;
  if (!regex.test(text)) return text;
  regex.lastIndex = 0;
  return text.replace(regex, (...args: unknown[]) => {
    const groups = args.slice(1, 1 + keep).map((g) => (typeof g === 'string' ? g : ''));
    return `${groups.join('')}[REDACTED:${name}]`;
  });
}
