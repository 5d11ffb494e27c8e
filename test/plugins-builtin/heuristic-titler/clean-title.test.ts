import { describe, expect, it } from 'vitest';
import { capTitle, cleanPrompt, codePointLength } from '../../../plugins-builtin/heuristic-titler/clean-title.js';

describe('capTitle', () => {
  it('returns short text whitespace-collapsed and trimmed, otherwise unchanged', () => {
    expect(capTitle('  Fix the   login\nbug  ', 80)).toBe('Fix the login bug');
  });

  it('keeps a title of exactly maxLength code points whole', () => {
    const title = 'a'.repeat(38) + ' ' + 'b'.repeat(41);
    expect(codePointLength(title)).toBe(80);
    expect(capTitle(title, 80)).toBe(title);
  });

  it('cuts a long title on a word boundary and ends it with an ellipsis', () => {
    const text = 'Refactor the session parser so that it streams records instead of loading whole transcripts into memory';
    const capped = capTitle(text, 40);
    expect(capped).toBe('Refactor the session parser so that it…');
    expect(codePointLength(capped)).toBeLessThanOrEqual(40);
  });

  it('keeps a whole last word when the cut falls right after it', () => {
    // The first 19 code points end exactly at a word end (a space follows): nothing needs to be dropped.
    expect(capTitle('aaaaa bbbbb ccccccc ddd', 20)).toBe('aaaaa bbbbb ccccccc…');
    expect(capTitle('one two three four five six seven eight nine ten', 20)).toBe('one two three four…');
  });

  it('drops punctuation left dangling at the cut', () => {
    expect(capTitle('Alpha beta gamma, delta epsilon zeta eta theta', 20)).toBe('Alpha beta gamma…');
  });

  it('counts code points, so astral characters are never split', () => {
    const text = '🚀'.repeat(30);
    const capped = capTitle(text, 10);
    expect(capped).toBe(`${'🚀'.repeat(9)}…`);
    expect(codePointLength(capped)).toBe(10);
    expect(capped.length).toBe(19); // nine surrogate pairs and the ellipsis: no lone surrogate
  });

  it('hard-cuts a single giant token rather than returning almost nothing', () => {
    const capped = capTitle(`Update ${'x'.repeat(100)}`, 30);
    expect(codePointLength(capped)).toBe(30);
    expect(capped.endsWith('…')).toBe(true);
    expect(capped.startsWith('Update xxx')).toBe(true);
  });
});

describe('cleanPrompt', () => {
  it('strips greetings, "can you please" and the request question mark', () => {
    expect(cleanPrompt('Hey Claude, can you please add a Github Action to run tests and linting? You can test it with `act`.')).toBe(
      'Add a Github Action to run tests and linting',
    );
  });

  it('strips a leading "please" and capitalises what is left', () => {
    expect(cleanPrompt('please fix the flaky retry test')).toBe('Fix the flaky retry test');
  });

  it('keeps a real question mark when nothing was unwrapped', () => {
    expect(cleanPrompt('How does the cursor survive a crash?')).toBe('How does the cursor survive a crash?');
  });

  it('leaves the casing alone when nothing was stripped', () => {
    expect(cleanPrompt('mix phx.server doesnt seem to start')).toBe('mix phx.server doesnt seem to start');
  });

  it('drops fenced code, URLs, inline-code backticks and markdown emphasis', () => {
    const raw = '**Fix** the `parseLine` crash reported at https://example.com/issues/12\n```ts\nconst x = 1;\n```';
    expect(cleanPrompt(raw)).toBe('Fix the parseLine crash reported at');
  });

  it('keeps link text and removes images and attachment placeholders', () => {
    expect(cleanPrompt('Update [the docs](https://example.com/docs) ![shot](a.png) [Image #1] for sync')).toBe('Update the docs for sync');
  });

  it('drops IDE frames with their content and unwraps other tags', () => {
    const raw =
      '<ide_opened_file>The user opened the file /a/b.ts in the IDE. This may or may not be related.</ide_opened_file>\n\nRename <b>Session</b> to Transcript';
    expect(cleanPrompt(raw)).toBe('Rename Session to Transcript');
  });

  it('takes the first line, or its first sentence, as the headline', () => {
    expect(cleanPrompt('Investigate two issues in extract.py:\n\n**Issue 1: "Lines 0" appearing in titles**')).toBe(
      'Investigate two issues in extract.py',
    );
    expect(cleanPrompt('Add a retry to the uploader. It should back off. Use jitter.')).toBe('Add a retry to the uploader');
  });

  it('reads on past a first line too short to be a title', () => {
    expect(cleanPrompt('# Task\n- migrate the config loader to cosmiconfig')).toBe('Task migrate the config loader to cosmiconfig');
  });

  it('removes the truncation marker a capped prompt carries', () => {
    expect(cleanPrompt('Implement the firestore sink with batched writes… [truncated 812 chars]')).toBe(
      'Implement the firestore sink with batched writes',
    );
  });

  it('does not mistake generic types for tags', () => {
    expect(cleanPrompt('Change the return type to Record<string, unknown> everywhere')).toBe(
      'Change the return type to Record<string, unknown> everywhere',
    );
  });

  it('returns an empty string when only markup is left', () => {
    expect(cleanPrompt('```\nnpm test\n```')).toBe('');
    expect(cleanPrompt('<ide_selection>lines 1-3</ide_selection>')).toBe('');
    expect(cleanPrompt('https://example.com/x')).toBe('');
  });
});
