/** Built-in secret patterns. Each match is replaced by `[REDACTED:<name>]`; `keep` leaves a leading group visible. */
export interface RedactionPattern {
  name: string;
  regex: RegExp;
  /** Number of leading capture groups kept verbatim (e.g. the variable name of `API_KEY=…`). */
  keep?: number;
  /** Cheap test that must pass before the regex runs: most text holds no secret, and scanning it all is costly. */
  hint?: (text: string) => boolean;
}

const has = (...needles: string[]) => (text: string) => needles.some((n) => text.includes(n));
/** Any of the patterns' needles; most texts have none and skip every pattern after this one scan. */
export const ANY_SECRET_HINT = /PRIVATE KEY|:\/\/|AKIA|ASIA|gh[pousr]_|github_pat_|sk-|xox|AIza|_live_|_test_|eyJ|Bearer|SECRET|TOKEN|PASSW|API_?KEY|ACCESS_KEY/i;

export const BUILTIN_PATTERNS: readonly RedactionPattern[] = [
  { name: 'private-key', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, hint: has('PRIVATE KEY-----') },
  { name: 'url-credentials', regex: /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi, keep: 1, hint: has('://') },
  { name: 'aws-access-key', regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, hint: has('AKIA', 'ASIA') },
  { name: 'github-token', regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, hint: has('gh', 'github_pat_') },
  { name: 'anthropic-key', regex: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, hint: has('sk-ant-') },
  { name: 'openai-key', regex: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/g, hint: has('sk-') },
  { name: 'slack-token', regex: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, hint: has('xox') },
  { name: 'google-api-key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g, hint: has('AIza') },
  { name: 'stripe-key', regex: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, hint: has('_live_', '_test_') },
  { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, hint: has('eyJ') },
  { name: 'bearer-token', regex: /(\bBearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g, keep: 1, hint: has('Bearer') },
  {
    // Starts at the keyword (a fast literal scan) rather than at the variable name; the name before it is kept as is.
    name: 'secret-assignment',
    regex: /((?:SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)[A-Za-z0-9_]*["']?\s*[=:]\s*["']?)[^\s"'`,;]{8,}/gi,
    keep: 1,
  },
];
