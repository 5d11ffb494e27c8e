import { describe, expect, it } from 'vitest';
import { normalizePrompt, readPrompt } from '../../../plugins-builtin/heuristic-classifier/prompt-intent.js';

describe('normalizePrompt', () => {
  it('lower-cases and drops frames, code, tags, URLs and polite openers', () => {
    const raw =
      '<ide_opened_file>The user opened the file /a.ts in the IDE.</ide_opened_file>\n\nHey Claude, could you please **Rename** `Foo` (see https://x.y/z)\n```\ncode\n```';
    expect(normalizePrompt(raw)).toBe('rename foo (see )');
  });
});

describe('readPrompt intent', () => {
  it.each([
    ['Continue with the migration of the sqlite sink', 'continue'],
    ['Now do the next part of the plan', 'continue'],
    ['Refactor the loader into smaller modules', 'refactor'],
    ['Clean up the fixtures folder', 'refactor'],
    ['Fix the flaky lock test', 'bug'],
    ['Getting an error in the parser when a line is cut', 'bug'],
    ['The upload step is failing since yesterday', 'bug'],
    ['Add a --json flag to sessions', 'feature'],
    ['Add error handling to the parser', 'feature'],
    ['Implement the firestore sink', 'feature'],
    ['Find where the cursor is committed', 'explore'],
    ['Walk me through the plugin loader', 'explore'],
    ['Why does the session list show duplicates', 'why'],
    ['How does the error handler decide the exit code?', 'why'],
    ['How does tapable order taps with stage?', 'learn'],
    ['Explain the dedup rule', 'learn'],
    ['the lock file stays behind after a kill?', 'learn'],
    ['mix phx.server doesnt seem to start', 'bug'],
    ["Hey Claude, I'd like your help with refactoring the timeline filtering", 'refactor'],
    ['Adding a --json flag to sessions', 'feature'],
    ['Building the app fails on CI since the upgrade', 'bug'],
    ['Use the Explore agent to give me an overview of the repo', 'explore'],
    ['Give me a comprehensive overview of the code organization', 'explore'],
    ['I was thinking about the roadmap today', null],
  ])('%j reads as %s', (raw, intent) => {
    expect(readPrompt(raw).intent).toBe(intent);
  });

  it('sees "quickly" / "just" openers and reads the intent behind them', () => {
    expect(readPrompt('Just fix the typo in the README')).toMatchObject({ quick: true, intent: 'bug' });
    expect(readPrompt('Quickly, add a newline at the end')).toMatchObject({ quick: true, intent: 'feature' });
    expect(readPrompt('Adjust the padding')).toMatchObject({ quick: false, intent: null });
  });

  it('matches words on word boundaries only', () => {
    expect(readPrompt('The prefix is wrong').bugWords).toBe(false); // "prefix" is not "fix"
    expect(readPrompt('Addresses in the builder look odd').intent).toBeNull(); // not "add", not "build"
    expect(readPrompt('Moved files look odd').refactorWords).toBe(false); // "moved" is not "move"
    expect(readPrompt('Fixture data is stale').intent).toBeNull(); // not "fix"
    expect(readPrompt('Find: all usages of the lock').intent).toBe('explore');
    expect(readPrompt('Clean   up\tthe fixtures').intent).toBe('refactor'); // any spacing inside an opener
  });

  it('flags bug and refactor words anywhere in the prompt', () => {
    expect(readPrompt('Add a cache; the old one had a regression')).toMatchObject({ intent: 'feature', bugWords: true });
    expect(readPrompt('Add a cache and then simplify the store')).toMatchObject({ intent: 'feature', refactorWords: true });
    expect(readPrompt('Add logging; the stack\n  trace is useless')).toMatchObject({ bugWords: true }); // any spacing in a phrase
    expect(readPrompt('Add a test, the export doesn’t work')).toMatchObject({ bugWords: true }); // a typographic apostrophe
    expect(readPrompt('Add a cache for the fixtures and the tidyings')).toMatchObject({ bugWords: false, refactorWords: false });
  });

  it('reads frames and empty prompts as nothing', () => {
    const none = { intent: null, quick: false, bugWords: false, refactorWords: false };
    expect(readPrompt('<command-name>/clear</command-name>')).toEqual(none);
    expect(readPrompt('[Request interrupted by user for tool use]')).toEqual(none);
    expect(readPrompt('   ')).toEqual(none);
  });
});
