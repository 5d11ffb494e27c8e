/** Gathers what `status` reports: config, state, store, roots, pending transcripts, last sync, hook, projects. */
import { existsSync, statSync } from 'node:fs';
import { createLogger } from '../cli/logger.js';
import { loadConfig } from '../config/load-config.js';
import { readHookStatus, type HookStatus } from '../hook/hook-status.js';
import { planFiles } from '../pipeline/plan.js';
import { discoverEach } from '../pipeline/discover-each.js';
import type { InstalledPluginRef } from '../plugins/import-plugin.js';
import { buildPipeline, configuredSinks, describeOrigin, expectedSinks, resolvePlugins } from '../plugins/load-plugins.js';
import { addedSinks, behindWith } from '../pipeline/sink-coverage.js';
import type { SyncRun } from '../plugins/types.js';
import { DEFAULT_LIMITS } from '../config/defaults.js';
import { loadDevice } from '../identity/device.js';
import { CheckpointError } from '../errors.js';
import { loadState, statePath, type SyncState } from '../state/checkpoint-store.js';
import { type LastSync, readLastSync } from '../state/last-sync.js';
import { localStorePath, openLocalStore } from '../store/local-store.js';
import type { FirestoreDescription } from '../firestore/probe.js';
import type { ProjectSummary, StoreCounts } from '../../plugins-builtin/sqlite-sink/index.js';

export interface StatusReport {
  home: string;
  configFiles: string[];
  sinks: string[];
  plugins: Array<{ name: string; provides: string | null; origin: string }>;
  /** `tracked` is null, and `problem` says why, when the state file cannot be read. */
  state: { file: string; tracked: number | null; problem?: string };
  store: { file: string; bytes: number; counts: StoreCounts | null } | null;
  roots: Array<{ root: string; transcripts: number }>;
  /**
   * Null when the state file cannot be read (nothing to plan against). `behind`: per sink, the transcripts it is
   * to be sent whole (it missed them, or was added since they were synced).
   */
  pending: { new: number; grown: number; rewritten: number; unchanged: number; behind: Record<string, number> } | null;
  lastSync: LastSync | null;
  hook: HookStatus;
  projects: ProjectSummary[];
  firestore: FirestoreDescription | null;
}

/** Collects the report; read-only (creates no store, no state, no device id). */
export async function collectStatus(options: {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Pipeline plugins of installed packages (the command collects them through the oclif hook). */
  installed?: ReadonlyArray<InstalledPluginRef>;
}): Promise<StatusReport> {
  const loaded = await loadConfig({ cwd: options.cwd, home: options.home });
  const logger = createLogger({ quiet: true });
  const resolved = await resolvePlugins(loaded, options.installed ?? []);
  const { hooks } = await buildPipeline(resolved, { logger, stateDir: options.home, signal: new AbortController().signal });
  const run: SyncRun = {
    force: false,
    dryRun: true,
    project: null,
    cwd: options.cwd,
    home: options.home,
    device: loadDevice(options.home, { create: false }),
    limits: { ...DEFAULT_LIMITS, ...loaded.config.limits },
    logger,
    signal: new AbortController().signal,
  };
  // A failing source must not hide the rest of the status; sync reports its error.
  const { files } = await discoverEach(hooks.discover, run);
  // A damaged state file is what status is for: say so and report the rest (sync refuses to run on it).
  let state: SyncState | null = null;
  let stateProblem: string | undefined;
  try {
    state = loadState(options.home);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    stateProblem = [error.message, ...error.suggestions].join('. ').replace(/\s+/g, ' ');
  }
  let pending: StatusReport['pending'] = null;
  if (state) {
    pending = { new: 0, grown: 0, rewritten: 0, unchanged: 0, behind: {} };
    const sinks = expectedSinks(loaded, resolved);
    const added = addedSinks(state, sinks);
    for (const item of planFiles(files, state, { force: false, project: null, sinks })) {
      pending[item.status] += 1;
      for (const sink of item.cursor ? behindWith(item.cursor, added) : []) pending.behind[sink] = (pending.behind[sink] ?? 0) + 1;
    }
  }
  const roots = new Map<string, number>();
  for (const file of files) roots.set(file.root, (roots.get(file.root) ?? 0) + 1);

  const storeFile = localStorePath(loaded.config, options.home);
  const store = configuredSinks(loaded).includes('sqlite') || existsSync(storeFile) ? openLocalStore(loaded.config, options.home) : null;
  const report: StatusReport = {
    home: options.home,
    configFiles: loaded.files,
    sinks: configuredSinks(loaded),
    plugins: resolved.map((p) => ({ name: p.plugin.name, provides: p.plugin.provides ?? null, origin: describeOrigin(p.origin) })),
    state: { file: statePath(options.home), tracked: state ? Object.keys(state.files).length : null, ...(stateProblem ? { problem: stateProblem } : {}) },
    store: store ? { file: storeFile, bytes: statSync(storeFile).size, counts: store.counts() } : null,
    roots: [...roots].map(([root, transcripts]) => ({ root, transcripts })),
    pending,
    lastSync: readLastSync(options.home),
    hook: readHookStatus(options.home, options.env, options.cwd),
    projects: store ? store.projectSummaries() : [],
    // A fresh probe, as `init` does; firebase-admin loads only when Firestore is configured.
    firestore: configuredSinks(loaded).includes('firestore')
      ? await (await import('../firestore/probe.js')).describeFirestore(loaded.config.options?.['firestore-sink'] ?? {}, options.env)
      : null,
  };
  store?.close();
  return report;
}
