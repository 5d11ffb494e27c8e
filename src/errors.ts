/** Error classes with stable codes; only commands turn them into exit codes and terminal output. */

/** Exit codes of the CLI (DESIGN.md "CLI surface"). */
export const EXIT = {
  OK: 0,
  PARTIAL: 1,
  USAGE: 2,
  SINK_UNAVAILABLE: 3,
} as const;

/** Base class: every error we raise on purpose carries a stable code and an exit code. */
export class CodeInsightsError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly suggestions: string[];
  constructor(message: string, options: { code: string; exitCode?: number; suggestions?: string[]; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.exitCode = options.exitCode ?? EXIT.PARTIAL;
    this.suggestions = options.suggestions ?? [];
  }
}

/** A config file or flag is wrong; names the file and key. Exit 2. */
export class ConfigError extends CodeInsightsError {
  constructor(message: string, options: { suggestions?: string[]; cause?: unknown } = {}) {
    super(message, { code: 'CONFIG', exitCode: EXIT.USAGE, ...options });
  }
}

/** A plugin could not be loaded or misused the hooks. Exit 2. */
export class PluginLoadError extends CodeInsightsError {
  constructor(message: string, options: { suggestions?: string[]; cause?: unknown } = {}) {
    super(message, { code: 'PLUGIN_LOAD', exitCode: EXIT.USAGE, ...options });
  }
}

/** A tap threw: names the plugin and the hook it failed in. */
export class StageError extends CodeInsightsError {
  readonly plugin: string;
  readonly hook: string;
  constructor(plugin: string, hook: string, cause: unknown) {
    super(`[${plugin}] ${hook} failed: ${formatError(cause)}`, { code: 'STAGE', cause });
    this.plugin = plugin;
    this.hook = hook;
  }
}

/** A sink cannot be reached or refuses us (auth, permission, missing database). Exit 3. */
export class SinkError extends CodeInsightsError {
  readonly sink: string;
  /** Set when a flush lost only these transcripts' batches (the rest were committed). */
  readonly failures: ReadonlyArray<{ path: string; message: string }> | undefined;
  constructor(
    sink: string,
    message: string,
    options: { suggestions?: string[]; cause?: unknown; unavailable?: boolean; failures?: ReadonlyArray<{ path: string; message: string }> } = {},
  ) {
    super(`[${sink}] ${message}`, {
      code: options.unavailable === false ? 'SINK_WRITE' : 'SINK_UNAVAILABLE',
      exitCode: options.unavailable === false ? EXIT.PARTIAL : EXIT.SINK_UNAVAILABLE,
      suggestions: options.suggestions,
      cause: options.cause,
    });
    this.sink = sink;
    this.failures = options.failures;
  }
}

/** The state file or lock is unreadable; never silently reset. */
export class CheckpointError extends CodeInsightsError {
  constructor(message: string, options: { suggestions?: string[]; cause?: unknown } = {}) {
    super(message, { code: 'CHECKPOINT', exitCode: EXIT.USAGE, ...options });
  }
}

/** One line for any thrown value. */
export function formatError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
