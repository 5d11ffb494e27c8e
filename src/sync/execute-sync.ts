/** Everything `sync` does between parsing flags and printing: config, pipeline, lock, state, run. */
import { DEFAULT_LIMITS } from '../config/defaults.js';
import { loadConfig } from '../config/load-config.js';
import { loadDevice } from '../identity/device.js';
import { buildPipeline, expectedSinks, resolvePlugins } from '../plugins/load-plugins.js';
import type { Logger, SyncPlugin, SyncRun } from '../plugins/types.js';
import type { SyncResult, TranscriptReport } from '../pipeline/run-sync.js';
import { EXIT } from '../errors.js';
import type { SyncState } from '../state/checkpoint-store.js';
import { stateStamp } from '../state/state-file.js';
import type { StateText } from '../state/state-text.js';
import { discoverEach, type DiscoverResult } from '../pipeline/discover-each.js';
import type { PlannedFile } from '../pipeline/plan.js';
import { idleKey, leaveIdleMark, markIs, readIdleMark } from './idle-mark.js';
import { emptyResult, record, type SyncOutcome } from './outcome.js';

export interface SyncRequest {
  cwd: string;
  home: string;
  force: boolean;
  dryRun: boolean;
  project: string | null;
  regenerateTitles: boolean;
  first: string[];
  logger: Logger;
  signal: AbortSignal;
  /** Pipeline plugins contributed by installed oclif plugins. */
  installed?: ReadonlyArray<{ plugin: SyncPlugin<unknown>; package: string }>;
  /** How long to wait for another sync holding the lock. */
  lockWaitMs: number;
  onPlanned?: (work: number) => void;
  onTranscript?: (report: TranscriptReport) => void;
}

export type LoadedConfig = Awaited<ReturnType<typeof loadConfig>>;
export type Services = { logger: Logger; stateDir: string; signal: AbortSignal };


/** Runs a sync (or a title regeneration) and returns its result and exit code. Throws only usage/config errors. */
export async function executeSync(request: SyncRequest): Promise<SyncOutcome> {
  const started = Date.now();
  const loaded = await loadConfig({ cwd: request.cwd, home: request.home });
  const run: SyncRun = {
    force: request.force,
    dryRun: request.dryRun,
    project: request.project,
    cwd: request.cwd,
    home: request.home,
    device: loadDevice(request.home, { create: !request.dryRun }),
    limits: { ...DEFAULT_LIMITS, ...loaded.config.limits },
    logger: request.logger,
    signal: request.signal,
  };
  const services = { logger: request.logger, stateDir: request.home, signal: request.signal };

  let known: KnownSoFar = {};
  if (!request.force && !request.regenerateTitles) {
    const check = await nothingToDo(loaded, request, run, services);
    if ('idle' in check) {
      check.idle.summary.durationMs = Date.now() - started;
      if (!request.dryRun) record(request.home, check.idle, EXIT.OK);
      return { ...check.idle, exitCode: EXIT.OK, regenerated: null };
    }
    known = check.known;
  }

  // Loaded only now: the pipeline runner, stores and lock are not needed when there is nothing to do.
  const { fullRun } = await import('./full-run.js');
  return fullRun(loaded, request, run, services, known);
}

/** What the quick check learnt, handed to the full run so it does not do it again. */
export interface KnownSoFar {
  discovered?: DiscoverResult;
  /**
   * The state as read, the stamp of the file it was read from (reused if the file is still the same), and the plan
   * of the discovery against it (reused with it). `partial`: only some cursors were read (see partial-plan.ts).
   */
  state?: { value: SyncState; stamp: string | null; planned: PlannedFile[]; partial?: { text: StateText; vouched: number } };
}

/**
 * Discovery alone, with only the sources among the built-ins loaded: when every transcript is unchanged, the run
 * ends here, without loading parsers, classifiers or stores (most syncs, and every hook run after the first).
 * Otherwise it hands its discovery on, so the full run does not walk the directories again. The state is not even
 * read when the last run left an idle mark for this very discovery and state file.
 */
async function nothingToDo(
  loaded: LoadedConfig,
  request: SyncRequest,
  run: SyncRun,
  services: Services,
): Promise<{ idle: SyncResult } | { known: KnownSoFar }> {
  const plugins = await resolvePlugins(loaded, request.installed ?? [], { discoverOnly: true });
  const { hooks } = await buildPipeline(plugins, services);
  await hooks.beforeSync.promise(run);
  const discovered = await discoverEach(hooks.discover, run);
  if (discovered.errors.length > 0) return { known: {} };
  const stamp = stateStamp(request.home);
  const sinks = expectedSinks(loaded, plugins);
  // The mark vouches for every transcript; a --project run counts those in its scope, which takes the state.
  const key = stamp === null || request.project ? null : idleKey(stamp, discovered.files, sinks);
  let unchanged = discovered.files.length;
  const mark = key === null ? null : readIdleMark(request.home);
  if (key === null || !markIs(mark, key)) {
    // A few transcripts changed since the mark was left (a session grew): read and plan only those.
    if (key !== null && stamp !== null && !request.dryRun) {
      const partial = (await import('./partial-plan.js')).partialPlan(request.home, mark, stamp, discovered.files, sinks);
      if (partial) {
        const { state, text, planned, vouched } = partial;
        return { known: { discovered, state: { value: state, stamp, planned, partial: { text, vouched } } } };
      }
    }
    const [{ needsWork, planFiles }, { loadState }] = await Promise.all([import('../pipeline/plan.js'), import('../state/checkpoint-store.js')]);
    const state = loadState(request.home);
    const planned = planFiles(discovered.files, state, { force: false, project: request.project, sinks });
    if (planned.some(needsWork)) return { known: { discovered, state: { value: state, stamp, planned } } };
    unchanged = planned.length;
    // Only a plan of every transcript, against a state file that stayed put while it was read, vouches for all.
    if (key !== null && !request.dryRun && stateStamp(request.home) === stamp) leaveIdleMark(request.home, key);
  }
  const result = emptyResult();
  result.summary.transcripts.discovered = discovered.files.length;
  result.summary.transcripts.unchanged = unchanged;
  await hooks.afterSync.promise(result.summary, run);
  return { idle: result };
}

