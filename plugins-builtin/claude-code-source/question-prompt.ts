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
// `iu` flags and a lookahead for the classes below cost ~1 ms to compile in every sync that parses a prompt
// (measured); the Unicode classes are only compiled for a prompt that needs them.
const OPENING = new RegExp(`^(?:${QUESTION_OPENINGS.join('|')})`, 'i');
const ASCII_WORD_CHARACTER = /[A-Za-z0-9_]/;
let wordCharacter: RegExp | undefined;

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
  if (next === undefined) return true;
  const character = String.fromCodePoint(next);
  if (next < 0x80) return !ASCII_WORD_CHARACTER.test(character);
  wordCharacter ??= /[\p{L}\p{N}_]/u;
  return !wordCharacter.test(character);
}
