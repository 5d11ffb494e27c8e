/** The sync past the quick nothing-to-do check: every plugin, the pipeline runner, the lock. Loaded only when needed. */
import { EXIT } from '../errors.js';
import { buildPipeline, expectedSinks, resolvePlugins } from '../plugins/load-plugins.js';
import type { SyncRun } from '../plugins/types.js';
import { runSync, type TranscriptReport } from '../pipeline/run-sync.js';
import type { SourceFile } from '../records/types.js';
import { loadState, saveState, saveStateText, stateStamp, type SyncState } from '../state/checkpoint-store.js';
import { acquireLock } from '../state/lock.js';
import type { StateText } from '../state/state-text.js';
import { needsWork, planFiles, type PlannedFile } from '../pipeline/plan.js';
import type { KnownSoFar, LoadedConfig, Services, SyncRequest } from './execute-sync.js';
import { idleKey, leaveIdleMark } from './idle-mark.js';
import { emptyResult, exitCodeOf, record, type SyncOutcome } from './outcome.js';
import { regenerateTitles } from './regenerate-titles.js';
import { youngGenerationCap } from './young-generation.js';

/** Transcript bytes to read from which a run caps V8's young generation (see young-generation.ts). */
const CAP_WORK_BYTES = 32 * 1024 * 1024;

/** Every plugin loaded, then a title regeneration, a dry run or a sync under the lock. */
export async function fullRun(
  loaded: LoadedConfig,
  request: SyncRequest,
  run: SyncRun,
  services: Services,
  known: KnownSoFar,
): Promise<SyncOutcome> {
  const plugins = await resolvePlugins(loaded, request.installed ?? []);
  const { hooks } = await buildPipeline(plugins, services);

  if (request.regenerateTitles) {
    const regenerated = await regenerateTitles(hooks, run);
    return { ...emptyResult(), exitCode: EXIT.OK, regenerated };
  }

  // Only a big run's garbage grows the young generation to the cap; a small one does not even load node:v8 (~2 ms).
  let capHeap = () => {};
  const onPlanned = (work: number, bytes: number) => {
    if (bytes >= CAP_WORK_BYTES) capHeap = youngGenerationCap();
    request.onPlanned?.(work);
  };
  const onTranscript = (report: TranscriptReport) => {
    capHeap();
    request.onTranscript?.(report);
  };
  const sinkNames = expectedSinks(loaded, plugins);
  const common = { hooks, run, sinkNames, discovered: known.discovered, first: request.first, onPlanned, onTranscript };
  if (request.dryRun) {
    const result = await runSync({ ...common, ...currentState(request.home, known).read, saveState: () => {} });
    return { ...result, exitCode: exitCodeOf(result), regenerated: null };
  }

  const lock = await acquireLock(request.home, {
    waitMs: request.lockWaitMs,
    onWait: (owner) => request.logger.info(`Waiting for another sync to finish (${owner})…`),
  });
  try {
    const { read, text } = currentState(request.home, known);
    const save = text ? (covered: SyncState) => saveStateText(request.home, text, covered) : (covered: SyncState) => saveState(request.home, covered);
    const result = await runSync({ ...common, ...read, saveState: save });
    const exitCode = exitCodeOf(result);
    // A clean run left the saved state equal to this one; a --project run vouches for its scope only. After a partial
    // run, the transcripts the old mark vouched for kept their cursors' lines, so only the planned ones need checking.
    if (exitCode === EXIT.OK && known.discovered && !run.project) {
      const check = text && read.planned ? read.planned.map((item) => item.file) : known.discovered.files;
      leaveMarkIfSettled(request.home, { files: known.discovered.files, check, state: read.state, sinks: sinkNames });
    }
    record(request.home, result, exitCode);
    return { ...result, exitCode, regenerated: null };
  } finally {
    lock.release();
  }
}

/**
 * The state the quick check read and its plan, if the file is still the one it read (a sync may have run since);
 * else the state read anew, to be planned again.
 */
function currentState(
  home: string,
  known: KnownSoFar,
): { read: { state: SyncState; planned?: PlannedFile[]; vouched?: number }; text?: StateText } {
  const seen = known.state;
  if (!seen || seen.stamp !== stateStamp(home)) return { read: { state: loadState(home) } };
  const read = { state: seen.value, planned: seen.planned };
  return seen.partial ? { read: { ...read, vouched: seen.partial.vouched }, text: seen.partial.text } : { read };
}

/**
 * After a sync that wrote, under its lock: leaves the idle mark when planning the discovery it worked from against
 * the state it saved finds nothing to do (cursors take the discovered fingerprints), so the next no-op sync, often a
 * manual one after hook runs, does not read the state either. A transcript that changed meanwhile fails the match.
 * Only `check` is planned: the rest of `files` when the old mark vouched for them and the run kept their cursors.
 */
function leaveMarkIfSettled(
  home: string,
  run: { files: ReadonlyArray<SourceFile>; check: ReadonlyArray<SourceFile>; state: SyncState; sinks: ReadonlyArray<string> },
): void {
  const stamp = stateStamp(home);
  if (stamp === null || planFiles(run.check, run.state, { force: false, project: null, sinks: run.sinks }).some(needsWork)) return;
  leaveIdleMark(home, idleKey(stamp, run.files, run.sinks));
}
