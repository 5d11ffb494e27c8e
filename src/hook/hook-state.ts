/** `$CODE_INSIGHTS_HOME/hook-state.json`: the last hook hand-off and the last background sync's result, for `status`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { appendHookLog, oneLine } from './hook-log.js';

const hookRunSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  exitCode: z.number().int(),
  transcript: z.string().nullable(),
  error: z.string().optional(),
});

const hookStateSchema = z.object({
  version: z.literal(1),
  lastRun: hookRunSchema.nullable(),
  lastFailure: hookRunSchema.nullable(),
});

/** One background hook sync, as recorded. */
export type HookRun = z.infer<typeof hookRunSchema>;
/** The whole state file. */
export type HookState = z.infer<typeof hookStateSchema>;

/** What the `--hook-worker` sync reports when it ends. */
export interface HookRunResult {
  startedAt: Date | string;
  finishedAt: Date | string;
  /** The exit code the sync would have had in a terminal. */
  exitCode: number;
  /** The transcript the hook named (synced first), or null. */
  transcript: string | null;
  /** One-line summary of what failed; must hold no transcript content or secret. */
  error?: string;
}

const EMPTY: HookState = { version: 1, lastRun: null, lastFailure: null };

/** The state file of a state directory. */
export function hookStatePath(home: string): string {
  return path.join(home, 'hook-state.json');
}

/** Reads the state; a missing file is empty state, a damaged one is reported as `damaged` (it is only bookkeeping). */
export function readHookState(home: string): HookState & { damaged?: string } {
  let text: string;
  try {
    text = readFileSync(hookStatePath(home), 'utf8');
  } catch {
    return { ...EMPTY };
  }
  try {
    const parsed = hookStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    return { ...EMPTY, damaged: parsed.error.issues[0]?.message ?? 'unexpected shape' };
  } catch (error) {
    return { ...EMPTY, damaged: formatError(error) };
  }
}

/**
 * Records the end of a background hook sync: `hook-state.json` written atomically, and a failure line appended to
 * `hook.log`. Never throws: bookkeeping must not turn a finished sync into a crash.
 */
export function recordHookRun(home: string, result: HookRunResult): void {
  const run: HookRun = {
    startedAt: iso(result.startedAt),
    finishedAt: iso(result.finishedAt),
    exitCode: result.exitCode,
    transcript: result.transcript,
    ...(result.error === undefined ? {} : { error: oneLine(result.error) }),
  };
  try {
    if (run.exitCode !== 0) {
      appendHookLog(home, `hook sync failed (exit ${run.exitCode}) for ${run.transcript ?? 'no named transcript'}: ${run.error ?? 'no error message'}`);
    }
    updateState(home, (state) => ({
      ...state,
      // Two hook syncs may finish out of order; the one that finished last is the last run.
      lastRun: state.lastRun && state.lastRun.finishedAt > run.finishedAt ? state.lastRun : run,
      lastFailure: run.exitCode === 0 || (state.lastFailure && state.lastFailure.finishedAt > run.finishedAt) ? state.lastFailure : run,
    }));
  } catch (error) {
    tryLog(home, `could not record the hook run: ${formatError(error)}`);
  }
}

function updateState(home: string, change: (state: HookState) => HookState): void {
  const { damaged: _damaged, ...state } = readHookState(home);
  writeFileAtomic(hookStatePath(home), `${JSON.stringify(change(state), null, 2)}\n`);
}

function tryLog(home: string, message: string): void {
  try {
    appendHookLog(home, message);
  } catch {
    // nowhere left to report to
  }
}

function iso(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}
