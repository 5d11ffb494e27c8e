/** Whether a human prompt asks something (a question, a learning request): counted for the classifier. */

/** Openings (after trim, case-insensitive, as whole words) that make a prompt a question without a `?`. */
export const QUESTION_OPENINGS = [
  'how',
  'what',
  'why',
  'explain',
  'where',
  'when',
  'which',
  'can you explain',
  'teach me',
  'help me understand',
  'is there',
  'does',
  'should',
];

// The openings are ASCII: a plain case-insensitive regex, then a look at the character after it. One regex with the
// `iu` flags and the lookahead below cost ~1 ms to compile in every sync that parses a prompt (measured).
const OPENING = new RegExp(`^(?:${QUESTION_OPENINGS.join('|')})`, 'i');
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * True when the prompt contains `?` or opens with a question word. Openings match whole words so
 * "however" or "whatever" do not count; "what's" and "how-to" do.
 */
export function isQuestionPrompt(text: string): boolean {
  if (text.includes('?')) return true;
  const trimmed = text.trimStart();
  const opening = OPENING.exec(trimmed);
  if (opening === null) return false;
  const next = trimmed.codePointAt(opening[0].length);
  return next === undefined || !WORD_CHARACTER.test(String.fromCodePoint(next));
}
