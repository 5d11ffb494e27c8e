/** Built-in secret patterns. Each match is replaced by `[REDACTED:<name>]`; `keep` leaves a leading group visible. */
export interface RedactionPattern {
  name: string;
  regex: RegExp;
  /** Number of leading capture groups kept verbatim (e.g. the variable name of `API_KEY=…`). */
  keep?: number;
  /**
   * Keywords (as `keywordOf` names them) of which one must occur for the regex to run: most text holds no secret,
   * and one pass for every keyword costs less than a scan per pattern. Absent: the regex runs on every text.
   */
  keywords?: readonly string[];
}

/**
 * The keywords of the built-in patterns, factored so the one pass over a text stays cheap. In the case their
 * patterns match (every keyword-gated pattern is case-sensitive but for the URL scheme, before `://`).
 */
const KEYWORD_SOURCE = String.raw`PRIVATE KEY|:\/\/|A(?:KIA|SIA|Iza)|g(?:h[pousr]_|ithub_pat_)|sk-|xox|_(?:live|test)_|eyJ|Bearer`;
/** Whether a text holds any keyword of a specific pattern. */
export const ANY_KEYWORD = new RegExp(KEYWORD_SOURCE);
/** Words that make `NAME=value` an assignment of a secret, in any case. */
const ASSIGNMENT_WORDS = ['SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'API_KEY', 'APIKEY', 'ACCESS_KEY', 'PRIVATE_KEY'];
/** `NAME=value` after one of those words (NAME is kept); starts at the word, a fast literal scan. */
const assignmentSource = (words: string) => `((?:${words})[A-Za-z0-9_]*["']?\\s*[=:]\\s*["']?)[^\\s"'\`,;]{8,}`;
/** The words as letter classes (`[Tt][Oo]…`), for a regex without the `i` flag. */
const anyCase = (word: string) => word.replace(/[A-Z]/g, (c) => `[${c}${c.toLowerCase()}]`);
/**
 * Whether any built-in pattern could match: one scan that most text fails ("token" alone does not pass). Without
 * the `i` flag (the assignment words spelled in letter classes), it scans a third faster (measured: 4.1 -> 2.7 ms
 * for the ~1 MB of text a 5 MiB growth stores).
 */
export const MAY_HOLD_SECRET = new RegExp(`${KEYWORD_SOURCE}|${assignmentSource(ASSIGNMENT_WORDS.map(anyCase).join('|'))}`);
/** Every keyword of a text, for the texts that hold one. */
export const KEYWORDS = new RegExp(KEYWORD_SOURCE, 'g');

/** The name of a KEYWORDS match: lower case, variants folded. */
export function keywordOf(match: string): string {
  const lower = match.toLowerCase();
  return /^gh[pousr]_$/.test(lower) ? 'gh_' : lower;
}

export const BUILTIN_PATTERNS: readonly RedactionPattern[] = [
  { name: 'private-key', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, keywords: ['private key'] },
  { name: 'url-credentials', regex: /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi, keep: 1, keywords: ['://'] },
  { name: 'aws-access-key', regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, keywords: ['akia', 'asia'] },
  { name: 'github-token', regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, keywords: ['gh_', 'github_pat_'] },
  { name: 'anthropic-key', regex: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, keywords: ['sk-'] },
  { name: 'openai-key', regex: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/g, keywords: ['sk-'] },
  { name: 'slack-token', regex: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, keywords: ['xox'] },
  { name: 'google-api-key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g, keywords: ['aiza'] },
  { name: 'stripe-key', regex: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, keywords: ['_live_', '_test_'] },
  { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, keywords: ['eyj'] },
  { name: 'bearer-token', regex: /(\bBearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g, keep: 1, keywords: ['bearer'] },
  // Its words ("token", "secret") are common in prose, and its own regex is as cheap as a keyword test: no keywords.
  { name: 'secret-assignment', regex: new RegExp(assignmentSource(ASSIGNMENT_WORDS.join('|')), 'gi'), keep: 1 },
];
