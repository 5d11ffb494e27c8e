/**
 * The titler over the eight real transcripts in shared/fixtures/claude-real (MIT, see its README). Expected titles were
 * derived by reading the transcripts: none has a custom-title or ai-title, and every summary record names a leaf
 * uuid from another session, so all titles come from prompts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { codePointLength } from '../../../plugins-builtin/heuristic-titler/clean-title.js';
import { heuristicTitler } from '../../../plugins-builtin/heuristic-titler/index.js';
import { REAL_FIXTURES } from '../../helpers/tmp-home.js';
import { syncRoot, type SyncedSession } from '../../helpers/sync-root.js';

let sessions: SyncedSession[];

beforeAll(async () => {
  sessions = await syncRoot(REAL_FIXTURES, [heuristicTitler()]);
});

function session(idEnd: string) {
  const found = sessions.find((s) => s.session.id.endsWith(idEnd));
  if (!found) throw new Error(`no session ending in ${idEnd}`);
  return found.session;
}

describe('heuristic titler on real transcripts', () => {
  it('titles every transcript from a prompt, within the cap', () => {
    expect(sessions).toHaveLength(8);
    for (const { session: s } of sessions) {
      expect(s.titleSource, s.id).toBe('prompt');
      expect(codePointLength(s.title ?? '')).toBeGreaterThan(0);
      expect(codePointLength(s.title ?? '')).toBeLessThanOrEqual(80);
    }
  });

  it('ignores 15 summaries that belong to other sessions and unwraps "Hey Claude, can you please add…?"', () => {
    // First prompt: "Hey Claude, can you please add a Github Action to run tests and linting? You can test it with `act`."
    expect(session('fe869ecb-c176-478f-9734-7e4b8ef12cff').title).toBe('Add a Github Action to run tests and linting');
  });

  it('keeps a short lower-case prompt as typed, skipping the interrupt marker after it', () => {
    expect(session('short').title).toBe('mix phx.server doesnt seem to start');
  });

  it('drops the IDE frame in front of the first real prompt (the /init wrapper before it is no human prompt)', () => {
    // Prompts: "<command-message>init is analyzing…", then "<ide_opened_file>…</ide_opened_file>\n\nOK, so this was just…".
    expect(session('7acd37a8-2745-4b58-a8a9-46164b22ad9e').title).toMatch(/^So this was just so you know what there is now/);
  });
});
