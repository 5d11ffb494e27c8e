/** The built-in Claude Code source: discovers `~/.claude/projects` transcripts and parses them incrementally. */
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { resolveClaudeRoots } from './claude-roots.js';
import { discoverTranscripts } from './discover.js';
import type { FoldCache } from './fold-state.js';
import type { ClaudeCodeSourceOptions } from './options.js';

/** Plugin name: the tap name, and the `source` of every SourceFile it finds. */
export const PLUGIN_NAME = 'claude-code-source';

/**
 * Creates the plugin; `roots` (or the same key in config) overrides CLAUDE_CONFIG_DIR / default discovery.
 * Only discovery is loaded up front: the parser and the option schema (zod) load when first needed, so a sync with
 * nothing to do starts fast.
 */
export function claudeCodeSource(options: ClaudeCodeSourceOptions = {}): SyncPlugin<ClaudeCodeSourceOptions> {
  if (options.roots !== undefined && !(Array.isArray(options.roots) && options.roots.every((r) => typeof r === 'string' && r))) {
    throw new TypeError('claude-code-source: roots must be a list of non-empty paths');
  }
  return definePlugin<ClaudeCodeSourceOptions>({
    name: PLUGIN_NAME,
    provides: 'source:claude-code',
    optionsSchema: async () => (await import('./options.js')).ClaudeCodeSourceOptions,
    apply(hooks, context) {
      const roots = context.options?.roots ?? options.roots;
      const folds: FoldCache = new WeakMap();
      // Roots come from the environment of each run (HOME / CLAUDE_CONFIG_DIR may change between runs in one process).
      hooks.discover.tap(PLUGIN_NAME, (files) => [...files, ...discoverTranscripts(resolveClaudeRoots({ env: process.env, roots }), PLUGIN_NAME)]);
      hooks.parse.tapPromise(PLUGIN_NAME, async (request, run) => {
        if (request.file.source !== PLUGIN_NAME) return undefined;
        const { parseTranscript } = await import('./parse-transcript.js');
        return parseTranscript(request, { limits: run.limits, cache: folds, logger: run.logger });
      });
    },
  });
}

export type { ClaudeCodeSourceOptions } from './options.js';
export { resolveClaudeRoots, type ClaudeRoot } from './claude-roots.js';
export { discoverTranscripts } from './discover.js';
