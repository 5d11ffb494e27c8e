/** THE pipeline hook declarations. Nobody creates pipeline hooks anywhere else. */
import { createRequire } from 'node:module';
import type * as Tapable from 'tapable';
import { PluginLoadError, StageError } from '../errors.js';
import type { ParseRequest, ParseResult, Sink, SyncRun, SyncSummary } from '../plugins/types.js';
import type { SessionBatch, SourceFile } from '../records/types.js';

/** How one transcript ended in a run. */
export interface TranscriptOutcome {
  status: 'new' | 'grown' | 'rewritten' | 'unchanged';
  messages: number;
  sessionId: string | null;
}

// The four hook classes used, each from its own file: tapable's index loads all twelve (15 modules, ~3 ms of a
// no-op sync). Its package has no exports map, so these paths are public; the types are the package's own.
const require = createRequire(import.meta.url);
const AsyncSeriesHook: typeof Tapable.AsyncSeriesHook = require('tapable/lib/AsyncSeriesHook.js');
const AsyncSeriesBailHook: typeof Tapable.AsyncSeriesBailHook = require('tapable/lib/AsyncSeriesBailHook.js');
const AsyncSeriesWaterfallHook: typeof Tapable.AsyncSeriesWaterfallHook = require('tapable/lib/AsyncSeriesWaterfallHook.js');
const SyncHook: typeof Tapable.SyncHook = require('tapable/lib/SyncHook.js');

/** Creates a fresh set of hooks for one run. */
export function createSyncHooks() {
  return Object.freeze({
    /** Before discovery. Return value ignored. */
    beforeSync: new AsyncSeriesHook<[SyncRun]>(['run']),
    /** Sources append the transcripts they find; each tap returns the (extended) list. */
    discover: new AsyncSeriesWaterfallHook<[SourceFile[], SyncRun]>(['files', 'run']),
    /** The source that owns `request.file` returns its next increment; others return undefined. */
    parse: new AsyncSeriesBailHook<[ParseRequest, SyncRun], ParseResult | undefined>(['request', 'run']),
    /** Adds identity, cost, redaction…; each tap returns the (new) batch. */
    enrich: new AsyncSeriesWaterfallHook<[SessionBatch, SyncRun]>(['batch', 'run']),
    /** Sets title and character; each tap returns the (new) batch. */
    classify: new AsyncSeriesWaterfallHook<[SessionBatch, SyncRun]>(['batch', 'run']),
    /** Sinks add themselves to the list; the runner then writes every batch to each, and commits a cursor only after all acknowledged. */
    upload: new AsyncSeriesWaterfallHook<[Sink[], SyncRun]>(['sinks', 'run']),
    /** A transcript was fully processed (cursor committed). */
    transcriptDone: new SyncHook<[SourceFile, TranscriptOutcome]>(['file', 'outcome']),
    /** A transcript failed; others go on. Receives the attributed error. */
    transcriptFailed: new SyncHook<[SourceFile, StageError]>(['file', 'error']),
    /** After the run, with its summary. */
    afterSync: new AsyncSeriesHook<[SyncSummary, SyncRun]>(['summary', 'run']),
  });
}

export type SyncHooks = ReturnType<typeof createSyncHooks>;
export type SyncHookName = keyof SyncHooks;

/** The data stages, in pipeline order. The runner, docs and the ordering test iterate this list. */
export const STAGES = ['discover', 'parse', 'enrich', 'classify', 'upload'] as const satisfies readonly SyncHookName[];

/** Named tap stages (tapable `stage`): plugins order themselves with these, never by array position. */
export const STAGE_ORDER = {
  /** Runs before default taps (identity, redaction). */
  PRE: -100,
  DEFAULT: 0,
  /** Runs after default taps (cost, final checks). */
  POST: 100,
} as const;

type AnyHook = SyncHooks[SyncHookName];

/** Makes every tap's failure a StageError naming its plugin and hook. Call right after creating the hooks. */
export function attributeErrors(hooks: SyncHooks): void {
  for (const [hookName, hook] of Object.entries(hooks) as Array<[string, AnyHook]>) {
    (hook as { intercept(i: object): void }).intercept({
      register(tap: { name: string; type: string; fn: (...args: unknown[]) => unknown }) {
        const original = tap.fn;
        const wrap = (error: unknown) => (error instanceof StageError ? error : new StageError(tap.name, hookName, error));
        if (tap.type === 'promise') {
          tap.fn = async (...args: unknown[]) => {
            try {
              return await original(...args);
            } catch (error) {
              throw wrap(error);
            }
          };
        } else if (tap.type === 'sync') {
          tap.fn = (...args: unknown[]) => {
            try {
              return original(...args);
            } catch (error) {
              throw wrap(error);
            }
          };
        } else {
          tap.fn = (...args: unknown[]) => {
            const callback = args.pop() as (error?: unknown, result?: unknown) => void;
            return original(...args, (error?: unknown, result?: unknown) => callback(error ? wrap(error) : undefined, result));
          };
        }
        return tap;
      },
    });
  }
}

/** After all plugins applied: a late tap is a plugin bug, reported instead of silently missing a run. */
export function sealHooks(hooks: SyncHooks): void {
  for (const [hookName, hook] of Object.entries(hooks)) {
    for (const method of ['tap', 'tapAsync', 'tapPromise'] as const) {
      Object.defineProperty(hook, method, {
        value: (options: string | { name: string }) => {
          const name = typeof options === 'string' ? options : options.name;
          throw new PluginLoadError(`[${name}] tapped "${hookName}" after the pipeline started; tap inside apply()`);
        },
      });
    }
  }
}
