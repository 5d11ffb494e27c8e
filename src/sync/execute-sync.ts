/** Everything `sync` does between parsing flags and printing: config, pipeline, lock, state, run. */
import { DEFAULT_LIMITS } from '../config/defaults.js';
import { loadConfig } from '../config/load-config.js';
import { loadDevice } from '../identity/device.js';
import { buildPipeline, resolvePlugins } from '../plugins/load-plugins.js';
import type { Logger, SyncPlugin, SyncRun } from '../plugins/types.js';
import { emptySummary, runSync, type SyncResult, type TranscriptReport } from '../pipeline/run-sync.js';
import { EXIT } from '../errors.js';
import { loadState, saveState, type SyncState } from '../state/checkpoint-store.js';
import { writeLastSync } from '../state/last-sync.js';
import { discoverEach, type DiscoverResult } from '../pipeline/discover-each.js';
import { needsWork, planFiles } from '../pipeline/plan.js';
import { acquireLock } from '../state/lock.js';
import { regenerateTitles } from './regenerate-titles.js';
import { youngGenerationCap } from './young-generation.js';

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

type LoadedConfig = Awaited<ReturnType<typeof loadConfig>>;
type Services = { logger: Logger; stateDir: string; signal: AbortSignal };

export interface SyncOutcome extends SyncResult {
  exitCode: number;
  regenerated: number | null;
}

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

  let discovered: DiscoverResult | undefined;
  if (!request.force && !request.regenerateTitles) {
    const check = await nothingToDo(loaded, request, run, services);
    if ('idle' in check) {
      check.idle.summary.durationMs = Date.now() - started;
      if (!request.dryRun) record(request.home, check.idle, EXIT.OK);
      return { ...check.idle, exitCode: EXIT.OK, regenerated: null };
    }
    discovered = check.discovered;
  }

  return fullRun(loaded, request, run, services, discovered);
}

/** Everything past the quick check: every plugin loaded, then a title regeneration, a dry run or a sync under the lock. */
async function fullRun(
  loaded: LoadedConfig,
  request: SyncRequest,
  run: SyncRun,
  services: Services,
  discovered: DiscoverResult | undefined,
): Promise<SyncOutcome> {
  const plugins = await resolvePlugins(loaded, request.installed ?? []);
  const { hooks } = await buildPipeline(plugins, services);

  if (request.regenerateTitles) {
    const regenerated = await regenerateTitles(hooks, run);
    return { ...emptyResult(), exitCode: EXIT.OK, regenerated };
  }

  const capHeap = youngGenerationCap();
  const onTranscript = (report: TranscriptReport) => {
    capHeap();
    request.onTranscript?.(report);
  };
  const common = { hooks, run, discovered, first: request.first, onPlanned: request.onPlanned, onTranscript };
  if (request.dryRun) {
    const result = await runSync({ ...common, state: loadState(request.home), saveState: () => {} });
    return { ...result, exitCode: exitCodeOf(result), regenerated: null };
  }

  const lock = await acquireLock(request.home, {
    waitMs: request.lockWaitMs,
    onWait: (owner) => request.logger.info(`Waiting for another sync to finish (${owner})…`),
  });
  try {
    const state: SyncState = loadState(request.home);
    const result = await runSync({ ...common, state, saveState: (covered) => saveState(request.home, covered) });
    const exitCode = exitCodeOf(result);
    record(request.home, result, exitCode);
    return { ...result, exitCode, regenerated: null };
  } finally {
    lock.release();
  }
}

/**
 * Discovery alone, with only the sources among the built-ins loaded: when every transcript is unchanged, the run
 * ends here, without loading parsers, classifiers or stores (most syncs, and every hook run after the first).
 * Otherwise it hands its discovery on, so the full run does not walk the directories again.
 */
async function nothingToDo(
  loaded: LoadedConfig,
  request: SyncRequest,
  run: SyncRun,
  services: Services,
): Promise<{ idle: SyncResult } | { discovered: DiscoverResult | undefined }> {
  const plugins = await resolvePlugins(loaded, request.installed ?? [], { discoverOnly: true });
  const { hooks } = await buildPipeline(plugins, services);
  await hooks.beforeSync.promise(run);
  const discovered = await discoverEach(hooks.discover, run);
  if (discovered.errors.length > 0) return { discovered: undefined };
  const planned = planFiles(discovered.files, loadState(request.home), { force: false, project: request.project });
  if (planned.some(needsWork)) return { discovered };
  const result = emptyResult();
  result.summary.transcripts.discovered = discovered.files.length;
  result.summary.transcripts.unchanged = planned.length;
  await hooks.afterSync.promise(result.summary, run);
  return { idle: result };
}

function record(home: string, result: SyncResult, exitCode: number): void {
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

function emptyResult(): SyncResult {
  return {
    summary: emptySummary(),
    sinkFailure: null,
    wroteAnything: false,
    reports: [],
  };
}
