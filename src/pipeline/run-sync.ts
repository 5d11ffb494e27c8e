/**
 * The sync runner: discover → plan → (parse → enrich → classify → upload → commit cursor) per transcript.
 * Cursors move only after every sink acknowledged; a failing transcript is reported and the others go on.
 */
import { SinkError, StageError } from '../errors.js';
import type { ParseResult, SyncRun, SyncSummary } from '../plugins/types.js';
import { emptySummary } from './summary.js';
import type { ProjectRecord, SessionBatch } from '../records/types.js';
import { type FileCursor, type SyncState } from '../state/checkpoint-store.js';
import { FoldStore } from '../state/fold-store.js';
import { relatedFolds, SessionIndex } from './session-index.js';
import { checkpoint, SinkSet, writeAll } from './sink-set.js';
import { HEAD_BYTES, hashHead, isCurrentHead } from './head-hash.js';
import { matchesProject, type PlannedFile, planFiles } from './plan.js';
import { discoverEach, type DiscoverResult } from './discover-each.js';
import { forgetVanished } from './forget-vanished.js';
import { coverSinks, forgetRemovedSinks } from './sink-coverage.js';
import type { SyncHooks } from './sync-hooks.js';
import { orderWork } from './work-order.js';

/**
 * About this many bytes of transcript per parse call: bounds memory and lets cursors advance on huge files. Smaller
 * batches die young: 8 MiB ones lived long enough to be promoted, and a first sync of 500 MiB peaked ~35 MB higher.
 */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A run reading at most SMALL_RUN_BYTES (a hook run, a session that grew) takes increments of SMALL_RUN_MAX_BYTES
 * instead: what runs once per increment (fold, session record, classification, upserts) then runs once for most
 * transcripts. A 5 MiB growth sync: 118 ms of its own work instead of 123 (median of 12, timeline marks).
 */
export const SMALL_RUN_BYTES = 32 * 1024 * 1024;
export const SMALL_RUN_MAX_BYTES = 8 * 1024 * 1024;

/** Per-transcript line of a dry run (and of `--json` consumers that want details). */
export interface TranscriptReport {
  path: string;
  status: PlannedFile['status'];
  sessionId: string | null;
  messages: number;
  bytes: number;
  /** Why the transcript was left out of the sinks (config exclusion), if it was. */
  skipped?: string;
  /** An unchanged transcript re-sent whole to sinks that lacked it: those that took it (in a dry run: would). */
  resentTo?: string[];
}

export interface RunSyncOptions {
  hooks: SyncHooks;
  run: SyncRun;
  /** The state, loaded under the lock (or read-only for dry runs); updated in place. */
  state: SyncState;
  /** Persists the given state (cursors the sinks acknowledged; called now and then, and at the end). No-op for dry runs. */
  saveState: (state: SyncState) => void;
  /** Transcripts to sync before anything else (the hook's session). */
  first?: string[];
  /** Bytes per parse call (else DEFAULT_MAX_BYTES, or SMALL_RUN_MAX_BYTES for a small run). */
  maxBytes?: number;
  /** Discovery already done by the caller in this run (the quick nothing-to-do check): not repeated. */
  discovered?: DiscoverResult;
  /** That discovery planned against `state` (unforced, all projects or this run's), when the caller did: not repeated. */
  planned?: PlannedFile[];
  /**
   * The sinks this run writes to, as `expectedSinks` lists them (name and where it writes): a sink the state does
   * not cover yet gets every transcript. Without it, the state's record of its sinks is left as it is.
   */
  sinkNames?: ReadonlyArray<string>;
  /**
   * Set when `planned` covers only the transcripts the idle mark could not vouch for, and `state` only their
   * sessions' cursors: this many other discovered transcripts are unchanged.
   */
  vouched?: number | undefined;
  /** How many transcripts the run will read, and how many bytes past their start offsets. */
  onPlanned?: (work: number, bytes: number) => void;
  onTranscript?: (report: TranscriptReport) => void;
}

export interface SyncResult {
  summary: SyncSummary;
  /** A sink was unreachable or refused us; `wroteAnything` tells exit 3 from exit 1. */
  sinkFailure: SinkError | null;
  wroteAnything: boolean;
  reports: TranscriptReport[];
}

const SAVE_EVERY_MS = 2_000;

/** Runs one sync over the given hooks and state. Never throws for a single transcript's failure. */
export async function runSync(options: RunSyncOptions): Promise<SyncResult> {
  const { hooks, run, state } = options;
  const started = Date.now();
  const summary = emptySummary();
  const reports: TranscriptReport[] = [];
  await hooks.beforeSync.promise(run);
  // A failing source loses only its own transcripts; its error is reported like a failed transcript's.
  const { files, errors: discoverErrors } = options.discovered ?? (await discoverEach(hooks.discover, run));
  for (const error of discoverErrors) summary.errors.push({ path: '(discover)', message: error.message, plugin: error.plugin, hook: error.hook });
  summary.transcripts.discovered = files.length;
  const planned = (options.discovered && options.planned) ?? planFiles(files, state, { force: run.force, project: run.project, sinks: options.sinkNames });
  for (const item of planned) summary.transcripts[item.status] += 1;
  summary.transcripts.unchanged += options.vouched ?? 0;

  const work = orderWork(planned, options.first ?? []);
  options.onPlanned?.(work.length, work.bytes);
  const maxBytes = options.maxBytes ?? (work.bytes <= SMALL_RUN_BYTES ? SMALL_RUN_MAX_BYTES : DEFAULT_MAX_BYTES);
  const sinks = new SinkSet();
  const folds = new FoldStore(run.home, { readonly: run.dryRun });
  // Folds are committed with every state checkpoint, just before it.
  const saveState = (covered: SyncState) => {
    folds.commit();
    options.saveState(covered);
  };
  // The checkpoint in progress: the next one waits for it, so state files are written in order.
  let saving: Promise<void> = Promise.resolve();
  let wroteAnything = false;
  let lastSave = Date.now();

  if (work.length > 0 && !run.dryRun) {
    await sinks.open(await hooks.upload.promise([], { ...run, work: { transcripts: work.length, bytes: work.bytes } }));
    forgetRemovedSinks(state, new Set(sinks.all.map((sink) => sink.name)));
    for (const [name, error] of sinks.down) summary.errors.push({ path: '(sink)', message: error.message, plugin: `sink:${name}`, hook: 'upload' });
    // Nothing can be written anywhere: stop before reading anything (exit 3).
    if (sinks.all.length > 0 && sinks.active.length === 0) {
      await sinks.close();
      summary.durationMs = Date.now() - started;
      return { summary, sinkFailure: sinks.firstFailure(), wroteAnything, reports };
    }
  }

  try {
    if (!run.dryRun && options.sinkNames) coverSinks(state, options.sinkNames);
    // This run saw every transcript: the bookkeeping of those that are gone can go (their sessions stay stored). A
    // partial run knows none is gone among those the mark vouched for, and holds no other cursors.
    if (!run.dryRun && !run.project && discoverErrors.length === 0 && options.vouched === undefined) {
      const gone = forgetVanished(files, state);
      if (gone.length > 0) {
        folds.forget(gone);
        run.logger.debug(`forgot the cursors of ${gone.length} transcript(s) no longer on disk`);
      }
    }
    const sessions = new SessionIndex(state);
    for (const item of work.items(state)) {
      if (run.signal.aborted) break;
      try {
        const report = await syncTranscript(item, { ...options, maxBytes, sinks, sessions, folds }, summary);
        if (report) {
          reports.push(report);
          options.onTranscript?.(report);
          wroteAnything ||= !run.dryRun && !report.skipped;
          hooks.transcriptDone.call(item.file, { status: item.status, messages: report.messages, sessionId: report.sessionId });
        }
      } catch (error) {
        // Claude Code deletes old transcripts; one that vanished since discovery is not a failure.
        if (isFileGone(error)) continue;
        if (error instanceof SinkError) {
          summary.errors.push({ path: item.file.path, message: error.message, plugin: `sink:${error.sink}`, hook: 'upload' });
          summary.transcripts.failed += 1;
          // Every sink is gone: the rest would fail one by one.
          if (sinks.active.length === 0) break;
          continue;
        }
        const attributed = error instanceof StageError ? error : new StageError('sync', 'run', error);
        summary.transcripts.failed += 1;
        summary.errors.push({ path: item.file.path, message: attributed.message, plugin: attributed.plugin, hook: attributed.hook });
        hooks.transcriptFailed.call(item.file, attributed);
      }
      if (!run.dryRun && Date.now() - lastSave > SAVE_EVERY_MS) {
        // Sinks commit while the next transcripts are parsed (on their thread, or over the network).
        await saving;
        saving = checkpoint(sinks, state, summary, saveState);
        saving.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        lastSave = Date.now();
      }
    }
  } finally {
    try {
      await saving;
      if (!run.dryRun) await checkpoint(sinks, state, summary, saveState);
    } finally {
      folds.close();
      await sinks.close();
    }
  }
  summary.durationMs = Date.now() - started;
  await hooks.afterSync.promise(summary, run);
  return { summary, sinkFailure: sinks.firstFailure(), wroteAnything, reports };
}

interface TranscriptContext extends RunSyncOptions {
  maxBytes: number;
  sinks: SinkSet;
  sessions: SessionIndex;
  folds: FoldStore;
}

/** Syncs one transcript from its start offset to its last complete line, committing after each increment. */
async function syncTranscript(item: PlannedFile, context: TranscriptContext, summary: SyncSummary): Promise<TranscriptReport | null> {
  const { hooks, run, state, folds } = context;
  let offset = item.startOffset;
  let fold: unknown;
  // A transcript read from the start needs no old fold dropped: the one saved with its next cursor replaces it.
  if (offset > 0) {
    fold = folds.load(item.file.path, offset);
    if (fold === undefined) offset = 0;
  }
  const related = item.file.kind === 'main' ? relatedFolds(item.file, state, folds, context.sessions) : [];
  // Which sinks get this transcript: all that are up, or for a catch-up re-send only those that are behind.
  const targets = item.resend ? context.sinks.active.filter((sink) => item.resend?.includes(sink.name)) : [...context.sinks.active];
  if (item.resend && targets.length === 0 && !run.dryRun) return null;
  const missed = new Set<string>();
  let head: { hash: string; bytes: number } | null = null;
  let messages = 0;
  let first = true;
  let bytes = 0;
  let sessionId: string | null = null;
  for (;;) {
    const result: ParseResult | undefined = await hooks.parse.promise(
      { file: item.file, offset, fold, maxBytes: context.maxBytes, related },
      run,
    );
    if (!result) throw new StageError('sync', 'parse', new Error(`no source plugin claims ${item.file.path} (source "${item.file.source}")`));
    // A transcript stored before and now read from its first byte again replaces what the sinks hold of it.
    const replace = first && offset === 0 && item.cursor !== undefined;
    first = false;
    let batch: SessionBatch = {
      ...result.batch,
      project: placeholderProject(result.batch.cwd ?? item.file.projectDir),
      ...(replace ? { replace: true } : {}),
    };
    batch = await hooks.enrich.promise(batch, run);
    // New transcripts learn their project only now; out-of-scope ones stay pending for a later unfiltered sync, and
    // are not counted, like the known transcripts of other projects.
    if (run.project && !item.cursor && !matchesProject(run.project, batch.project)) {
      summary.transcripts[item.status] -= 1;
      return null;
    }
    if (batch.skip) {
      // Excluded on purpose: remember the cursor so it is not re-read every run, but write nothing.
      if (!run.dryRun) state.files[item.file.path] = cursorFor(batch, { ...result, endOffset: item.file.size }, headOf(item));
      return { path: item.file.path, status: item.status, sessionId: batch.session.id, messages: 0, bytes: 0, skipped: batch.skip };
    }
    batch = await hooks.classify.promise(batch, run);
    sessionId = batch.session.id;
    summary.malformedLines += result.stats.malformedLines;
    summary.unknownRecords += result.stats.unknownRecords;
    if (!run.dryRun) {
      for (const name of await writeAll(targets, batch, context.sinks, summary, item.file.path)) missed.add(name);
      head ??= headOf(item);
      folds.save(item.file.path, result.endOffset, result.fold);
      const written = targets.map((sink) => sink.name).filter((name) => !missed.has(name));
      const behind = item.resend
        ? item.resend.filter((name) => !written.includes(name))
        : context.sinks.all.map((sink) => sink.name).filter((name) => !written.includes(name));
      const cursor = cursorFor(batch, result, head);
      state.files[item.file.path] = { ...cursor, ...(behind.length > 0 ? { behind } : {}) };
      context.sessions.add(cursor.sessionId, item.file.path);
      for (const name of written) context.sinks.staged(name, item.file.path);
      summary.sessionsWritten += offset === item.startOffset ? 1 : 0;
      summary.messagesWritten += batch.messages.length;
    }
    messages += batch.messages.length;
    bytes += Math.max(0, result.endOffset - offset);
    const advanced = result.endOffset > offset;
    offset = result.endOffset;
    fold = result.fold;
    if (result.complete || !advanced) break;
  }
  // Stored by some sinks but refused by another: reported (and re-sent to that one later) as a failed transcript.
  if (missed.size > 0) summary.transcripts.failed += 1;
  const resentTo = !item.resend ? [] : run.dryRun ? item.resend : targets.map((sink) => sink.name).filter((name) => !missed.has(name));
  return { path: item.file.path, status: item.status, sessionId, messages, bytes, ...(resentTo.length > 0 ? { resentTo } : {}) };
}

/**
 * The head hash for the transcript's next cursor. A grown transcript whose cursor already covers a whole head keeps
 * it (unless an older version wrote it): the plan has just checked it against the file. Were the file replaced
 * since, the next run sees that.
 */
function headOf(item: PlannedFile): { hash: string; bytes: number } {
  const { file, cursor } = item;
  const bytes = Math.min(HEAD_BYTES, file.size);
  if (item.status === 'grown' && cursor?.headBytes === bytes && isCurrentHead(cursor.head)) return { hash: cursor.head, bytes };
  return { hash: hashHead(file.path, bytes), bytes };
}

function cursorFor(batch: SessionBatch, result: ParseResult, head: { hash: string; bytes: number }): FileCursor {
  const file = batch.file;
  return {
    sessionId: file.sessionId ?? batch.session.parentSessionId ?? batch.session.id,
    kind: file.kind,
    size: file.size,
    mtimeMs: file.mtimeMs,
    ino: file.ino,
    head: head.hash,
    headBytes: head.bytes,
    offset: result.endOffset,
    projectId: batch.project.id,
    projectName: batch.project.name,
    projectPath: batch.project.path,
    syncedAt: new Date().toISOString(),
  };
}

function isFileGone(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
  }
  return false;
}

/** Identity is filled by the identity plugin; this keeps the type whole until then. */
function placeholderProject(where: string): ProjectRecord {
  return { id: '', name: where, path: where, gitRemoteUrl: null, idSource: 'path-hash', devices: [], lastActivity: null };
}
