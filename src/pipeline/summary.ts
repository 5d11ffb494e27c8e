/** The counts a run reports (`sync --json`, afterSync). */
import type { SyncSummary } from '../plugins/types.js';

/** A summary with every count at zero. */
export function emptySummary(): SyncSummary {
  return {
    transcripts: { discovered: 0, new: 0, grown: 0, rewritten: 0, unchanged: 0, failed: 0 },
    sessionsWritten: 0,
    messagesWritten: 0,
    malformedLines: 0,
    unknownRecords: 0,
    durationMs: 0,
    errors: [],
  };
}
