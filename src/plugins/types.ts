/** The plugin contract: what a plugin is, what it receives, and the shapes that cross the pipeline. */
import type { ZodType } from 'zod';
import type { SyncHooks } from '../pipeline/sync-hooks.js';
import type { DeviceInfo, SessionBatch, SessionRecord, SourceFile, Usage } from '../records/types.js';

/** Logger handed to plugins; respects `--quiet` (info/debug vanish, warn/error still reach stderr). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Caps on long fields, applied on code-point boundaries with a visible marker. */
export interface ContentLimits {
  messageText: number;
  thinking: number;
  toolInput: number;
  toolResult: number;
}

/** Per-run facts every tap can read. Created by the runner; never mutated by plugins. */
export interface SyncRun {
  readonly force: boolean;
  readonly dryRun: boolean;
  /** `--project` filter (matches a project's name or path), or null. */
  readonly project: string | null;
  /** The directory the command was started in (per-repo config applies relative to it). */
  readonly cwd: string;
  readonly home: string;
  readonly device: DeviceInfo;
  readonly limits: ContentLimits;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** What the run is about to read, known from the upload stage on: sinks may size themselves by it. */
  readonly work?: { readonly transcripts: number; readonly bytes: number };
}

/** Context given to `apply`: the plugin's own validated options and shared services. */
export interface PluginContext<Options = unknown> {
  readonly options: Options;
  readonly logger: Logger;
  /** `$CODE_INSIGHTS_HOME`; plugins keep their own files under it. */
  readonly stateDir: string;
  readonly signal: AbortSignal;
  /** Where the plugin came from, for messages. */
  readonly origin: PluginOrigin;
}

export type PluginOrigin = { kind: 'builtin' } | { kind: 'installed'; package: string } | { kind: 'config'; file: string; specifier: string };

/** A pipeline plugin. Built-ins are plugins too, applied through the same loader. */
export interface SyncPlugin<Options = unknown> {
  /** Kebab-case name; tap name, error label and the name `disable` refers to. */
  name: string;
  /** Role it fills (`source:claude-code`, `titler`, `classifier`, `sink:sqlite`…); a configured plugin with a built-in's role replaces it. */
  provides?: string;
  /**
   * Validates the plugin's options (from config); errors name the plugin and key. May be a function that loads the
   * schema: it is then called only when options were given, so a plugin with no options set never loads zod
   * (start-up of a no-op sync stays fast).
   */
  optionsSchema?: ZodType<Options> | (() => Promise<ZodType<Options>>);
  apply(hooks: SyncHooks, context: PluginContext<Options>): void | Promise<void>;
}

/** What `parse` is asked: read `file` from byte `offset`, continuing the fold it left last time. */
export interface ParseRequest {
  file: SourceFile;
  /** Byte offset just after the last complete line already synced (0 = from the start). */
  offset: number;
  /** The source's own fold from the previous increment (opaque JSON), or undefined when starting over. */
  fold: unknown;
  /** Stop after about this many bytes of complete lines; the runner calls again from `endOffset`. */
  maxBytes: number;
  /** Folds of the other files of the same session (main files only), for roll-ups over subagents. */
  related: ReadonlyArray<{ file: SourceFile; fold: unknown }>;
}

/** Counters of what a parse pass skipped; never fatal. */
export interface ParseStats {
  records: number;
  malformedLines: number;
  unknownRecords: number;
}

/** What a source returns for one increment of one transcript. */
export interface ParseResult {
  batch: Omit<SessionBatch, 'project'>;
  /** New fold to hand back next time (JSON-serialisable). */
  fold: unknown;
  /** Offset after the last complete line consumed. */
  endOffset: number;
  /** True when `endOffset` reached the last newline of the file (a partial tail may remain). */
  complete: boolean;
  stats: ParseStats;
}

/** A store the pipeline writes to. Writes are idempotent upserts keyed by deterministic ids. */
export interface Sink {
  /** Short name (`sqlite`, `firestore`); cursors and errors are labelled with it. */
  name: string;
  /** Called once before the first write; throws SinkError when unreachable or unauthorised. */
  open(): Promise<void>;
  /**
   * Writes messages first, then the session and project (the session acts as commit marker). Durable when it
   * resolves, unless the sink has `flush`: then it may only stage the batch, and it is durable once `flush` resolves.
   */
  write(batch: SessionBatch): Promise<void>;
  /**
   * Optional: makes every staged batch durable. The runner calls it before it persists cursors (every few seconds
   * and at the end), so a sink can commit many transcripts at once; a failure means all of them are re-sent later.
   */
  flush?(): Promise<void>;
  /** Stored sessions, for `--regenerate-titles` (optionally filtered by project name or path). */
  listSessions(filter: { project: string | null }): AsyncIterable<SessionRecord>;
  /** Updates only title and character fields of stored sessions; never touches customTitle. */
  updateTitles(updates: ReadonlyArray<TitleUpdate>): Promise<void>;
  close(): Promise<void>;
}

export type TitleUpdate = Pick<SessionRecord, 'id' | 'title' | 'titleSource' | 'character' | 'characterSignals'>;

/** Summary of a run, handed to `afterSync`. */
export interface SyncSummary {
  transcripts: { discovered: number; new: number; grown: number; rewritten: number; unchanged: number; failed: number };
  sessionsWritten: number;
  messagesWritten: number;
  malformedLines: number;
  unknownRecords: number;
  durationMs: number;
  errors: Array<{ path: string; message: string; plugin?: string; hook?: string }>;
}

export type { Usage };
