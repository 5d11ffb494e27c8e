/** syncText: what a person reads after `sync`. */
import { describe, expect, it } from 'vitest';
import { syncText } from '../../src/cli/render-sync.js';
import { emptyResult, type SyncOutcome } from '../../src/sync/outcome.js';

function outcome(change: (o: SyncOutcome) => void = () => {}): SyncOutcome {
  const o: SyncOutcome = { ...emptyResult(), exitCode: 0, regenerated: null };
  change(o);
  return o;
}

describe('syncText', () => {
  it('says where transcripts are looked for when none was found', () => {
    expect(syncText(outcome(), { dryRun: false })).toEqual([
      "No transcripts found. Claude Code's are read from projects/ in each directory of $CLAUDE_CONFIG_DIR (comma-separated), else in ~/.config/claude and ~/.claude.",
    ]);
    // A source that failed is reported as an error instead; this line would mislead.
    const failed = outcome((o) => o.summary.errors.push({ path: '(discover)', message: 'boom' }));
    expect(syncText(failed, { dryRun: false })[0]).not.toMatch(/No transcripts found/);
  });

  it('counts in the singular and the plural', () => {
    const one = outcome((o) => {
      Object.assign(o.summary.transcripts, { discovered: 2, new: 1, unchanged: 1 });
      Object.assign(o.summary, { sessionsWritten: 1, messagesWritten: 1, durationMs: 100, malformedLines: 1, unknownRecords: 2 });
    });
    expect(syncText(one, { dryRun: false })).toEqual([
      'Synced 1 of 1 changed transcript (1 new, 0 grown, 0 rewritten; 1 unchanged): 1 session, 1 message in 0.1s.',
      'Skipped 1 malformed line; kept 2 records of unknown type out of the store.',
    ]);
    const idle = outcome((o) => Object.assign(o.summary.transcripts, { discovered: 1, unchanged: 1 }));
    expect(syncText(idle, { dryRun: false })).toEqual(['Nothing to sync: 1 transcript unchanged.']);
  });

  it('says which sinks were caught up on unchanged transcripts, instead of "nothing to sync"', () => {
    const report = (path: string, resentTo?: string[]) => ({ path, status: 'unchanged' as const, sessionId: path, messages: 3, bytes: 10, ...(resentTo ? { resentTo } : {}) });
    const caughtUp = outcome((o) => {
      Object.assign(o.summary.transcripts, { discovered: 3, unchanged: 3 });
      Object.assign(o.summary, { sessionsWritten: 2, messagesWritten: 6, durationMs: 300 });
      o.reports.push(report('a', ['firestore']), report('b', ['firestore']));
    });
    expect(syncText(caughtUp, { dryRun: false })).toEqual([
      'No transcript changed; 2 sessions, 6 messages in 0.3s went to sinks that lacked them.',
      'Caught up firestore (added, moved, or down before): sent 2 unchanged transcripts whole.',
    ]);
    const alongside = outcome((o) => {
      Object.assign(o.summary.transcripts, { discovered: 2, grown: 1, unchanged: 1 });
      Object.assign(o.summary, { sessionsWritten: 2, messagesWritten: 6, durationMs: 300 });
      o.reports.push({ ...report('a'), status: 'grown' }, report('b', ['ndjson']));
    });
    expect(syncText(caughtUp, { dryRun: true })[0]).toBe('unchanged a  → 3 messages, 10 B (to firestore only)');
    expect(syncText(alongside, { dryRun: false })).toEqual([
      'Synced 1 of 1 changed transcript (0 new, 1 grown, 0 rewritten; 1 unchanged): 2 sessions, 6 messages in 0.3s.',
      'Caught up ndjson (added, moved, or down before): sent 1 unchanged transcript whole.',
    ]);
  });
});
