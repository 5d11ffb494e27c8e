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

const OPENING = new RegExp(`^(?:${QUESTION_OPENINGS.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');

/**
 * True when the prompt contains `?` or opens with a question word. Openings match whole words so
 * "however" or "whatever" do not count; "what's" and "how-to" do.
 */
export function isQuestionPrompt(text: string): boolean {
  return text.includes('?') || OPENING.test(text.trimStart());
}
