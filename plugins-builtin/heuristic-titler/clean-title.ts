/** Turns a raw human prompt into a one-line headline, and caps any title on a word boundary. */

/** Whole elements Claude Code or an IDE wraps around a prompt; their content is context, never the request. */
const FRAME_ELEMENT =
  /<(ide_[\w-]+|system-reminder|user-prompt-submit-hook|command-[\w-]+|local-command-[\w-]+|bash-(?:input|stdout|stderr))\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Any remaining XML-ish tag (the text between tags is kept). `Map<string, number>` does not match: no space-free name + `>`. */
const TAG = /<\/?[a-z][\w:.-]*(?:\s+[^<>]*?)?\s*\/?>/gi;
const FENCED_CODE = /(```|~~~)[\s\S]*?(?:\1|$)/g;
const INLINE_CODE = /`([^`\n]*)`/g;
const ATTACHMENT_PLACEHOLDER = /\[(?:image|pasted text|pasted image|file)\b[^\]]*\]/gi;
const MD_IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const MD_LINK = /\[([^\]]+)\]\([^)]*\)/g;
const URL = /\b(?:https?|ftp|file):\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+/gi;
const LINE_MARKUP = /^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/;
const TRAILING_PUNCTUATION = /[\s,;:.\-–—]+$/u;
/** The marker `capText` leaves on a prompt the source capped. */
const TRUNCATION_MARKER = /…\s*\[truncated \d+ chars\]\s*$/;

/** Openers that carry no meaning in a title; stripped repeatedly from the start. `request` marks "can you…" forms. */
const POLITE_PREFIXES: ReadonlyArray<{ pattern: RegExp; request: boolean }> = [
  { pattern: /^(?:hey|hi|hello|hiya|yo)\b(?:\s+(?:claude|there|team))?[\s,!.:;-]*/i, request: false },
  { pattern: /^claude\s*[,!:;-]+\s*/i, request: false },
  { pattern: /^(?:ok|okay|alright|well|so)\s*[,!.:;-]+\s*(?=\S)/i, request: false },
  { pattern: /^(?:please|pls|plz|kindly)\b[\s,]*/i, request: false },
  { pattern: /^(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:help\s+me\s+)?/i, request: true },
  { pattern: /^i(?:'d|’d|\s+would)\s+like\s+your\s+help\s+(?:with|to|on)\s+/i, request: false },
  { pattern: /^i(?:'d|’d|\s+would)\s+like\s+(?:you\s+)?to\s+/i, request: false },
  { pattern: /^i\s+(?:want|need)\s+you\s+to\s+/i, request: false },
  { pattern: /^let(?:'s|’s|\s+us)\s+/i, request: false },
];

/** Fewer words than this in the first line or sentence: keep reading instead of titling with a fragment. */
const MIN_HEADLINE_WORDS = 3;

/** Number of Unicode code points (what `maxLength` counts). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Whitespace-collapsed, trimmed `text`, at most `maxLength` code points, cut on a word boundary with "…". */
export function capTitle(text: string, maxLength: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const points = Array.from(clean);
  if (points.length <= maxLength) return clean;
  const room = points.slice(0, Math.max(1, maxLength - 1)); // one code point stays free for the ellipsis
  let cut = room.length;
  if (points[room.length] !== ' ') {
    const lastSpace = room.lastIndexOf(' ');
    // A word boundary, unless that throws away more than half the room (one giant token such as a path).
    if (lastSpace >= Math.floor(maxLength / 2)) cut = lastSpace;
  }
  const head = room.slice(0, cut).join('').replace(TRAILING_PUNCTUATION, '');
  return `${head || room.join('')}…`;
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Drops markup, code, URLs and frames; keeps the prompt's words, one line per source line. */
function stripMarkup(raw: string): string[] {
  const text = raw
    .replace(TRUNCATION_MARKER, '')
    .replace(/\r\n?/g, '\n')
    .replace(FENCED_CODE, '\n')
    .replace(FRAME_ELEMENT, '\n')
    .replace(TAG, ' ')
    .replace(MD_IMAGE, ' ')
    .replace(MD_LINK, '$1')
    .replace(URL, ' ')
    .replace(ATTACHMENT_PLACEHOLDER, ' ')
    .replace(INLINE_CODE, '$1')
    .replace(/`+/g, '')
    .replace(/\*\*|__|~~/g, '')
    .replace(/(^|[\s(])[*_]+(?=\S)/g, '$1')
    .replace(/(?<=\S)[*_]+(?=[\s).,!?:;]|$)/g, '');
  return text
    .split('\n')
    .map((line) => line.replace(LINE_MARKUP, '').replace(/\s+/g, ' ').trim())
    .filter((line) => /[\p{L}\p{N}]/u.test(line));
}

/** The first line, or the first sentence of it, unless that is only a fragment. */
function headline(lines: string[]): string {
  const first = lines[0] ?? '';
  const text = wordCount(first) < MIN_HEADLINE_WORDS ? lines.join(' ') : first;
  for (const end of text.matchAll(/[.!?]+(?=\s)/g)) {
    const sentence = text.slice(0, end.index + end[0].length);
    if (wordCount(sentence) >= MIN_HEADLINE_WORDS) return sentence;
  }
  return text;
}

/** Removes greetings, "please", "can you…" openers; says whether a question-form request was unwrapped. */
function stripPoliteness(text: string): { text: string; stripped: boolean; request: boolean } {
  let current = text;
  let stripped = false;
  let request = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of POLITE_PREFIXES) {
      const next = current.replace(prefix.pattern, '').replace(/^[\s,;:!.-]+/, '');
      if (next !== current && next.length > 0) {
        current = next;
        changed = stripped = true;
        request ||= prefix.request;
      }
    }
  }
  return { text: current, stripped, request };
}

/** A prompt as a title candidate: plain words, one line, no politeness; '' when nothing meaningful is left. */
export function cleanPrompt(raw: string): string {
  const lines = stripMarkup(raw);
  if (lines.length === 0) return '';
  const polite = stripPoliteness(headline(lines));
  let text = polite.text.replace(TRAILING_PUNCTUATION, '');
  // "Can you add X?" is a request, not a question: the title reads "Add X".
  if (polite.request) text = text.replace(/\?+$/, '').replace(TRAILING_PUNCTUATION, '');
  if (polite.stripped) text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[\p{L}\p{N}]/u.test(text) ? text.trim() : '';
}
