/** Chooses a session's title by precedence: custom > ai > summary > best early prompt > fallback. */
import type { SessionRecord, TitleSource } from '../../src/records/types.js';
import { capTitle } from './clean-title.js';
import { fallbackTitle } from './fallback-title.js';
import type { HeuristicTitlerOptions } from './options.js';
import { bestPromptTitle } from './score.js';

/** A title and where it came from. */
export interface GeneratedTitle {
  title: string;
  titleSource: TitleSource;
}

/**
 * Works only from the folded digest (never from every record), so a session synced in pieces gets the same title.
 * `session.customTitle` (the user's store-side title) is not read: sinks keep it and readers prefer it.
 */
export function generateTitle(session: SessionRecord, options: HeuristicTitlerOptions): GeneratedTitle {
  const { digest } = session;
  const candidates: Array<[TitleSource, () => string | null]> = [
    ['custom-title', () => digest.customTitle],
    ['ai-title', () => digest.aiTitle],
    ['summary', () => digest.summary],
    ['prompt', () => bestPromptTitle(digest.prompts.slice(0, options.promptCandidates))],
  ];
  for (const [titleSource, read] of candidates) {
    const text = read();
    // An empty or whitespace-only candidate falls through to the next source.
    const title = text ? capTitle(text, options.maxLength) : '';
    if (title) return { title, titleSource };
  }
  return { title: capTitle(fallbackTitle(session), options.maxLength), titleSource: 'fallback' };
}
