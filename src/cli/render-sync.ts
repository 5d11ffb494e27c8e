/** Human and JSON renderings of a sync's result. */
import path from 'node:path';
import type { TranscriptReport } from '../pipeline/run-sync.js';
import type { SyncOutcome } from '../sync/outcome.js';
import { count } from './count.js';

/** The `sync --json` contract (issue 3): one object, stable keys. */
export function syncJson(outcome: SyncOutcome): Record<string, unknown> {
  const s = outcome.summary;
  return {
    transcripts: s.transcripts,
    sessionsWritten: s.sessionsWritten,
    messagesWritten: s.messagesWritten,
    malformedLines: s.malformedLines,
    unknownRecords: s.unknownRecords,
    durationMs: s.durationMs,
    errors: [
      ...s.errors.map((e) => ({ path: e.path, message: e.message, ...(e.plugin ? { plugin: e.plugin, hook: e.hook } : {}) })),
      ...(outcome.sinkFailure && !s.errors.some((e) => e.message === outcome.sinkFailure?.message)
        ? [{ path: null, message: outcome.sinkFailure.message }]
        : []),
    ],
    ...(outcome.regenerated === null ? {} : { regenerated: outcome.regenerated }),
  };
}

/** Lines for a person. */
export function syncText(outcome: SyncOutcome, options: { dryRun: boolean; project?: string | null }): string[] {
  if (outcome.regenerated !== null) return [`Regenerated titles and characters of ${count(outcome.regenerated, 'session')}.`];
  const s = outcome.summary;
  const t = s.transcripts;
  const lines: string[] = [];
  if (options.dryRun) {
    lines.push(...outcome.reports.map(dryRunLine));
    lines.push(
      `Dry run: ${t.new} new, ${t.grown} grown, ${t.rewritten} rewritten, ${t.unchanged} unchanged of ${count(t.discovered, 'transcript')}; ` +
        `would write ${count(outcome.reports.length, 'session')} and ${count(sum(outcome.reports), 'message')}. Nothing was written.`,
    );
    return lines;
  }
  const changed = t.new + t.grown + t.rewritten;
  const caughtUp = resentBySink(outcome.reports);
  if (options.project && changed + t.unchanged + t.failed === 0 && s.errors.length === 0 && !outcome.sinkFailure) {
    lines.push(`No transcripts of a project matching "${options.project}" ('code-insights sessions' lists the projects).`);
  } else if (t.discovered === 0 && s.errors.length === 0 && !outcome.sinkFailure) {
    // Most often a wrong CLAUDE_CONFIG_DIR, or a machine where Claude Code has not run yet.
    lines.push(
      "No transcripts found. Claude Code's are read from projects/ in each directory of $CLAUDE_CONFIG_DIR (comma-separated), else in ~/.config/claude and ~/.claude.",
    );
  } else if (outcome.sinkFailure && !outcome.wroteAnything) {
    // The error itself follows on stderr.
    lines.push(`Nothing was written: ${count(changed, 'changed transcript')} left for the next sync.`);
  } else if (changed === 0 && t.failed === 0 && !outcome.sinkFailure) {
    lines.push(
      caughtUp.length === 0
        ? `Nothing to sync: ${count(t.unchanged, 'transcript')} unchanged.`
        : `No transcript changed; ${count(s.sessionsWritten, 'session')}, ${count(s.messagesWritten, 'message')} in ${(s.durationMs / 1000).toFixed(1)}s went to sinks that lacked them.`,
    );
  } else {
    lines.push(
      `Synced ${changed - t.failed} of ${count(changed, 'changed transcript')} (${t.new} new, ${t.grown} grown, ${t.rewritten} rewritten; ` +
        `${t.unchanged} unchanged): ${count(s.sessionsWritten, 'session')}, ${count(s.messagesWritten, 'message')} in ${(s.durationMs / 1000).toFixed(1)}s.`,
    );
  }
  for (const [sink, n] of caughtUp) lines.push(`Caught up ${sink} (added, moved, or down before): sent ${count(n, 'unchanged transcript')} whole.`);
  if (s.malformedLines > 0 || s.unknownRecords > 0) {
    lines.push(`Skipped ${count(s.malformedLines, 'malformed line')}; kept ${count(s.unknownRecords, 'record')} of unknown type out of the store.`);
  }
  return lines;
}

function dryRunLine(report: TranscriptReport): string {
  const what = report.messages > 0 ? `${count(report.messages, 'message')}, ${formatBytes(report.bytes)}` : 'session update only';
  const to = report.resentTo ? ` (to ${report.resentTo.join(', ')} only)` : '';
  return `${report.status.padEnd(9)} ${shortPath(report.path)}  → ${what}${to}`;
}

function sum(reports: TranscriptReport[]): number {
  return reports.reduce((n, r) => n + r.messages, 0);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function shortPath(p: string): string {
  const parts = p.split(path.sep);
  return parts.slice(-3).join(path.sep);
}

/** Per sink, the unchanged transcripts this run re-sent to it whole. */
function resentBySink(reports: ReadonlyArray<TranscriptReport>): Array<[string, number]> {
  const bySink = new Map<string, number>();
  for (const report of reports) for (const sink of report.resentTo ?? []) bySink.set(sink, (bySink.get(sink) ?? 0) + 1);
  return [...bySink];
}
