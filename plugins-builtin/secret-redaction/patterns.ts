/** Built-in secret patterns. Each match is replaced by `[REDACTED:<name>]`; `keep` leaves a leading group visible. */
export interface RedactionPattern {
  name: string;
  regex: RegExp;
  /** Number of leading capture groups kept verbatim (e.g. the variable name of `API_KEY=…`). */
  keep?: number;
}

export const BUILTIN_PATTERNS: readonly RedactionPattern[] = [
  { name: 'private-key', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { name: 'url-credentials', regex: /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi, keep: 1 },
  { name: 'aws-access-key', regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'github-token', regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { name: 'anthropic-key', regex: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { name: 'openai-key', regex: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/g },
  { name: 'slack-token', regex: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'google-api-key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'stripe-key', regex: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g },
  { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  { name: 'bearer-token', regex: /(\bBearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g, keep: 1 },
  {
    name: 'secret-assignment',
    regex: /(\b[A-Za-z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)[A-Za-z0-9_]*["']?\s*[=:]\s*["']?)[^\s"'`,;]{8,}/gi,
    keep: 1,
  },
];
