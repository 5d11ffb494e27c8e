/**
 * Runs plugins under test through the real pipeline (the same loader, hooks and runner as `sync`) on fixture
 * transcripts, into an in-memory sink, in a temp state directory; returns what a store would hold.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { DEFAULT_LIMITS, type CodeInsightsConfig } from '../config/schema.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { buildPipeline, describeOrigin, resolvePlugins } from '../plugins/load-plugins.js';
import type { Logger, SyncPlugin, SyncRun, SyncSummary } from '../plugins/types.js';
import { runSync } from '../pipeline/run-sync.js';
import type { MessageRecord, ProjectRecord, SessionBatch, SessionRecord } from '../records/types.js';
import { loadState } from '../state/checkpoint-store.js';
import { createMemorySink, createMemoryStore } from './memory-sink.js';

/** A transcript file to place under the fixture's Claude config root (see `claudeTranscript`). */
export interface TranscriptFile {
  /** Relative to the config root, e.g. `projects/-home-me-app/<session id>.jsonl`. */
  path: string;
  jsonl: string;
}

export interface RunPluginsOptions {
  /** The plugins under test; `[plugin, options]` passes options as config would (validated by the plugin's schema). */
  plugins: Array<SyncPlugin<unknown> | [SyncPlugin<unknown>, Record<string, unknown>]>;
  /** Transcript files to write into a temp Claude config root, or an existing config root directory (with `projects/`). */
  transcripts: TranscriptFile[] | string;
  /** Config the run reads (`disable`, `options`, `limits`, `redaction`); the memory sink replaces the configured sinks. */
  config?: Omit<CodeInsightsConfig, 'sink' | 'plugins'>;
  /** Where the command "was started" (per-repo config trust); default a temp directory outside any repository. */
  cwd?: string;
  /** Stop before `upload`, like `sync --dry-run` (nothing reaches the sinks). */
  dryRun?: boolean;
}

export interface RunPluginsResult {
  /** Every batch the sinks received, in order. */
  batches: SessionBatch[];
  /** The latest record of each session, project and message, as an upserting store would keep them. */
  sessions: SessionRecord[];
  projects: ProjectRecord[];
  messages: MessageRecord[];
  summary: SyncSummary;
  /** Errors attributed to plugin and hook (same as `sync --json`'s `errors`). */
  errors: SyncSummary['errors'];
  /** What plugins logged, in order. */
  logs: Array<{ level: 'debug' | 'info' | 'warn' | 'error'; message: string }>;
  /** The plugins that were applied, in order, with their role and origin. */
  plugins: Array<{ name: string; provides: string | null; origin: string }>;
}

/** Runs one sync of `options.transcripts` with the built-ins plus `options.plugins`. */
export async function runPlugins(options: RunPluginsOptions): Promise<RunPluginsResult> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'code-insights-test-'));
  try {
    const home = path.join(tmp, 'home');
    mkdirSync(home, { recursive: true });
    const root = typeof options.transcripts === 'string' ? options.transcripts : writeTranscripts(path.join(tmp, 'claude'), options.transcripts);
    const logs: RunPluginsResult['logs'] = [];
    const logger: Logger = {
      debug: (message) => logs.push({ level: 'debug', message }),
      info: (message) => logs.push({ level: 'info', message }),
      warn: (message) => logs.push({ level: 'warn', message }),
      error: (message) => logs.push({ level: 'error', message }),
    };
    const store = createMemoryStore();
    const memory = definePlugin({
      name: 'memory-sink',
      provides: 'sink:memory',
      apply(hooks) {
        hooks.upload.tap('memory-sink', (sinks) => [...sinks, createMemorySink(store)]);
      },
    });
    const pluginOptions: Record<string, Record<string, unknown>> = { ...options.config?.options };
    const underTest = options.plugins.map((entry) => {
      const [plugin, opts] = Array.isArray(entry) ? entry : [entry, undefined];
      if (opts) pluginOptions[plugin.name] = { ...pluginOptions[plugin.name], ...opts };
      return { plugin, package: 'code-insights/testing' };
    });
    pluginOptions['claude-code-source'] = { roots: [root], ...pluginOptions['claude-code-source'] };
    const loaded: LoadedConfig = { config: { ...options.config, options: pluginOptions, sink: 'memory' }, files: [], plugins: [] };
    const signal = new AbortController().signal;
    const resolved = await resolvePlugins(loaded, [...underTest, { plugin: memory as SyncPlugin<unknown>, package: 'code-insights/testing' }]);
    const { hooks } = await buildPipeline(resolved, { logger, stateDir: home, signal });
    const run: SyncRun = {
      force: false,
      dryRun: options.dryRun ?? false,
      project: null,
      cwd: options.cwd ?? tmp,
      home,
      device: { id: '00000000-0000-4000-8000-000000000000', hostname: 'test-host', platform: process.platform },
      limits: { ...DEFAULT_LIMITS, ...options.config?.limits },
      logger,
      signal,
    };
    const result = await runSync({ hooks, run, state: loadState(home), saveState: () => {} });
    return {
      batches: store.batches,
      sessions: [...store.sessions.values()],
      projects: [...store.projects.values()],
      messages: [...store.messages.values()],
      summary: result.summary,
      errors: result.summary.errors,
      logs,
      plugins: resolved.map((entry) => ({ name: entry.plugin.name, provides: entry.plugin.provides ?? null, origin: describeOrigin(entry.origin) })),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function writeTranscripts(root: string, files: TranscriptFile[]): string {
  for (const file of files) {
    const target = path.join(root, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.jsonl);
  }
  // The source only reads roots that have a projects/ directory.
  mkdirSync(path.join(root, 'projects'), { recursive: true });
  return root;
}
