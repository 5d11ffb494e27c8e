/** Reads what a human prompt asks for from how it opens, and which bug / refactor words it uses. */

/** What a prompt asks for. `why` ("why does X…", or a question naming an error) is debugging or learning: the tools decide. */
export type Intent = 'continue' | 'refactor' | 'bug' | 'feature' | 'explore' | 'why' | 'learn';

/** Openers marking a small, self-contained request; they are stripped before reading the intent. */
export const QUICK_MARKERS: readonly string[] = ['quickly', 'quick', 'just', 'real quick', 'small thing', 'tiny change'];

/** Words that signal fixing something (matched on word boundaries, anywhere in a prompt). */
export const BUG_WORDS: readonly string[] = [
  'fix', 'fixes', 'fixing', 'bug', 'bugs', 'buggy', 'error', 'errors', 'failing', 'fails', 'failed', 'failure', 'broken',
  'crash', 'crashes', 'crashing', 'exception', 'regression', 'traceback', 'stack trace', 'segfault', 'panic', 'not working',
  "doesn't work", 'doesnt work', 'does not work', "doesn't seem to", 'doesnt seem to', "won't start", 'wont start', 'debug',
  'debugging',
];

/** Words that signal restructuring existing code. */
export const REFACTOR_WORDS: readonly string[] = [
  'refactor', 'refactoring', 'rename', 'renaming', 'extract', 'clean up', 'cleanup', 'simplify', 'reorganize', 'reorganise',
  'restructure', 'move', 'split', 'consolidate', 'deduplicate', 'dedupe', 'decouple', 'modularize', 'tidy',
];

/** Openers per intent, tried in this order against the start of the cleaned prompt. */
export const INTENT_OPENERS: ReadonlyArray<readonly [Intent, readonly string[]]> = [
  ['continue', ['continue', 'keep going', 'carry on', 'go on with', 'resume', 'pick up where', 'now do the next', 'do the next part',
    'next part', 'next step', 'proceed with']],
  ['refactor', ['refactor', 'rename', 'extract', 'clean up', 'cleanup', 'tidy up', 'simplify', 'reorganize', 'reorganise',
    'restructure', 'move', 'split', 'consolidate', 'deduplicate', 'dedupe', 'decouple', 'modularize', 'inline']],
  ['bug', ['fix', 'debug', 'diagnose', 'troubleshoot', 'repair', 'investigate why', 'figure out why']],
  ['feature', ['add', 'implement', 'create', 'build', 'write', 'make', 'introduce', 'support', 'set up', 'setup', 'generate',
    'scaffold', 'enable', 'integrate', 'wire up', 'hook up', 'port']],
  ['explore', ['find', 'where', 'walk me through', 'walk through', 'map out', 'look around', 'look at', 'look into', 'look through',
    'explore', 'search', 'locate', 'list', 'show me', 'give me an overview', 'give me a tour', 'overview', 'trace', 'investigate',
    'review', 'audit', 'analyze', 'analyse', 'summarize', 'summarise', 'survey', 'read through', 'go through']],
  ['why', ['why does', 'why do', 'why is', 'why are', 'why did', 'why am i']],
  ['learn', ['how does', 'how do', 'how is', 'how are', 'how can', 'how should', 'how would', 'how to', 'what is', "what's",
    'what are', 'what does', 'what do', 'why would', 'why should', 'explain', 'teach me', 'tell me about', 'tell me how',
    'help me understand', 'is it', 'is there', 'are there', 'should i', 'when should', 'which', 'difference between']],
];

/** Words that ask for a look around the code; like bug words, they state the intent early in a prompt. */
export const EXPLORE_WORDS: readonly string[] = [
  'explore', 'exploring', 'overview', 'walkthrough', 'tour', 'architecture', 'code organization', 'code organisation',
  'codebase structure', 'project structure',
];

/** Bug or explore words this early in a prompt ("Getting an error in…", "Give me an overview…") state its intent. */
const FIRST_CLAUSE_WORDS = 8;

/** Frames Claude Code writes around commands and interrupts; never a request. */
const FRAME_PREFIXES = ['<command-', '<local-command-', 'Caveat: The messages below', '[Request interrupted by user', 'This session is being continued'];
/** Greetings, "please", "can you…", "let's": stripped repeatedly so the real opener comes first. */
const POLITE_PREFIX =
  /^(?:(?:hey|hi|hello)(?:\s+claude)?|claude|ok|okay|alright|so|well|please|pls|kindly|(?:can|could|would|will)\s+you(?:\s+please)?(?:\s+help\s+me)?|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to|i(?:'d|\s+would)\s+like\s+your\s+help\s+(?:with|to|on)|i\s+(?:want|need)\s+you\s+to|let's|let\s+us)\b[\s,!.:;-]*/;

const QUICK_PATTERN = new RegExp(`^(?:${QUICK_MARKERS.join('|')})\\b[\\s,:-]*`);

/** The -ing form of an opener's first word ("refactoring the timeline…", "adding a flag…"). */
function gerund(opener: string): string {
  const [head = '', ...rest] = opener.split(' ');
  // make → making; short consonant-vowel-consonant verbs double the last letter: debug → debugging, map → mapping.
  const doubles = /[^aeiou][aeiou][bgnpt]$/.test(head);
  const ing = head.endsWith('e') && head.length > 2 ? `${head.slice(0, -1)}ing` : doubles ? `${head}${head.slice(-1)}ing` : `${head}ing`;
  return [ing, ...rest].join(' ');
}
/** Gerund openers are weaker: "Building the app fails…" names a failure, not a build request. */
const GERUND_OPENERS = INTENT_OPENERS.filter(([intent]) => intent !== 'why' && intent !== 'learn').map(
  ([intent, words]) => [intent, words.map(gerund)] as const,
);

/*
 * Word lists are matched with string searches, not regexes: prompts are normalized (lower case, single spaces), and
 * compiling a regex per list cost every classifying sync ~4 ms for five short prompts (measured).
 */

/** The intent of the first opener the prompt starts with as whole words. */
const openerIntent = (text: string, openers: typeof INTENT_OPENERS): Intent | null =>
  openers.find(([, phrases]) => phrases.some((p) => opensWith(text, p)))?.[0] ?? null;

const opensWith = (text: string, phrase: string) => text.startsWith(phrase) && !isWordCharacter(text.charCodeAt(phrase.length));

/** Whether `text` holds one of `phrases` as whole words (`\b…\b` of a regex without the `u` flag). */
function hasPhrase(text: string, phrases: readonly string[]): boolean {
  for (const phrase of phrases) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      if (!isWordCharacter(text.charCodeAt(at - 1)) && !isWordCharacter(text.charCodeAt(at + phrase.length))) return true;
    }
  }
  return false;
}

/** `\w` of a regex without the `u` flag: ASCII letters, digits and `_` (NaN, past the end, is none). */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** True for Claude Code's command wrappers, local-command frames and interrupt markers. */
export function isFramePrompt(raw: string): boolean {
  const text = raw.trimStart();
  return FRAME_PREFIXES.some((prefix) => text.startsWith(prefix));
}

/** Lower-cased words of a prompt without IDE/system frames, tags, code, URLs, markdown or polite openers. */
export function normalizePrompt(raw: string): string {
  let text = raw
    .replace(/…\s*\[truncated \d+ chars\]\s*$/, ' ')
    .replace(/<(ide_[\w-]+|system-reminder|command-[\w-]+|local-command-[\w-]+)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/(```|~~~)[\s\S]*?(?:\1|$)/g, ' ')
    .replace(/<\/?[a-z][\w:.-]*(?:\s+[^<>]*?)?\s*\/?>/gi, ' ')
    .replace(/\b(?:https?|file):\/\/[^\s)>\]]+/gi, ' ')
    .replace(/[`*_#>~[\]]+/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(POLITE_PREFIX, '').trim();
  }
  return text;
}

/** What one prompt says about the work. */
export interface PromptReading {
  intent: Intent | null;
  /** Opened with "quickly", "just"… */
  quick: boolean;
  bugWords: boolean;
  refactorWords: boolean;
}

/** Reads one raw prompt; frames and empty prompts read as nothing. */
export function readPrompt(raw: string): PromptReading {
  const none: PromptReading = { intent: null, quick: false, bugWords: false, refactorWords: false };
  if (isFramePrompt(raw)) return none;
  const normalized = normalizePrompt(raw);
  if (!normalized) return none;
  const quick = QUICK_PATTERN.test(normalized);
  const text = normalized.replace(QUICK_PATTERN, '');
  const firstClause = text.split(' ').slice(0, FIRST_CLAUSE_WORDS).join(' ');
  const opener = openerIntent(text, INTENT_OPENERS);
  let intent = opener ?? openerIntent(text, GERUND_OPENERS);
  // A bug word early on states the intent ("Getting an error in…") but not against a verb ("Add error handling…"); a
  // gerund opener is weaker ("Building the app fails…"). In a question it is ambiguous ("how does the error handler
  // work?" vs "what causes this crash?"): the tools decide.
  if (hasPhrase(firstClause, BUG_WORDS)) {
    if (opener === null) intent = 'bug';
    else if (opener === 'learn') intent = 'why';
  }
  if (intent === null && hasPhrase(firstClause, EXPLORE_WORDS)) intent = 'explore';
  if (intent === null && /\?\s*$/.test(text)) intent = 'learn';
  return { intent, quick, bugWords: hasPhrase(text, BUG_WORDS), refactorWords: hasPhrase(text, REFACTOR_WORDS) };
}
