/** What a sync returns to the command: its result, exit code, and the record `status` shows. */
import { EXIT } from '../errors.js';
import type { SyncResult } from '../pipeline/run-sync.js';
import { emptySummary } from '../pipeline/summary.js';
import { writeLastSync } from '../state/last-sync.js';

export interface SyncOutcome extends SyncResult {
  exitCode: number;
  regenerated: number | null;
}

/** Leaves the run's result for `status`. */
export function record(home: string, result: SyncResult, exitCode: number): void {
  writeLastSync(home, {
    at: new Date().toISOString(),
    durationMs: result.summary.durationMs,
    exitCode,
    sessionsWritten: result.summary.sessionsWritten,
    failed: result.summary.transcripts.failed,
  });
}

/** 0 all synced; 1 some transcripts failed; 3 a sink was unreachable before anything was written. */
export function exitCodeOf(result: SyncResult): number {
  if (result.sinkFailure) return result.wroteAnything ? EXIT.PARTIAL : EXIT.SINK_UNAVAILABLE;
  // Errors include sources that failed during discovery, which fail no single transcript.
  return result.summary.transcripts.failed > 0 || result.summary.errors.length > 0 ? EXIT.PARTIAL : EXIT.OK;
}

/** A result with nothing done. */
export function emptyResult(): SyncResult {
  return {
    summary: emptySummary(),
    sinkFailure: null,
    wroteAnything: false,
    reports: [],
  };
}
