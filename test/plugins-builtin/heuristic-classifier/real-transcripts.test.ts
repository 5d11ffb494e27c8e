/**
 * The classifier over the eight real transcripts in shared/fixtures/claude-real (MIT, see its README). Each expected
 * character below was decided by reading the transcript, not by running the classifier.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { heuristicClassifier } from '../../../plugins-builtin/heuristic-classifier/index.js';
import { REAL_FIXTURES } from '../../helpers/tmp-home.js';
import { syncRoot, type SyncedSession } from '../../helpers/sync-root.js';

let sessions: SyncedSession[];

beforeAll(async () => {
  sessions = await syncRoot(REAL_FIXTURES, [heuristicClassifier()]);
});

function session(idEnd: string) {
  const found = sessions.find((s) => s.session.id.endsWith(idEnd));
  if (!found) throw new Error(`no session ending in ${idEnd}`);
  return found.session;
}

describe('heuristic classifier on real transcripts', () => {
  it('judges every real transcript (each has a prompt or a tool call)', () => {
    expect(sessions).toHaveLength(8);
    for (const { session: s } of sessions) expect(s.character, s.id).not.toBeNull();
  });

  it('calls "add a Github Action" a feature build: it writes .github/workflows/ci.yml, then edits it and converter.py', () => {
    expect(session('fe869ecb-c176-478f-9734-7e4b8ef12cff').character).toBe('feature_build');
  });

  it('calls "help with refactoring the timeline filtering" a refactor', () => {
    expect(session('0d3a8e6f-290f-4105-a327-a2496e5e2a83').character).toBe('refactor');
  });

  it('calls the Explore subagent an exploration: Read plus ls / find / tree / wc / git log, no edits', () => {
    const explore = session(':agent-a2271d1');
    expect(explore.character).toBe('exploration');
    expect(explore.characterSignals).toMatchObject({ editTools: 0, readTools: 12, bashTools: 12 });
  });

  it('calls "mix phx.server doesnt seem to start" a bug hunt', () => {
    expect(session('short').character).toBe('bug_hunt');
  });
});
