/** The built-in Claude Code source: discovers `~/.claude/projects` transcripts and parses them incrementally. */
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import { resolveClaudeRoots } from './claude-roots.js';
import { discoverTranscripts } from './discover.js';
import type { FoldCache } from './fold-state.js';
import { ClaudeCodeSourceOptions } from './options.js';
import { parseTranscript } from './parse-transcript.js';

/** Plugin name: the tap name, and the `source` of every SourceFile it finds. */
export const PLUGIN_NAME = 'claude-code-source';

/** Creates the plugin; `roots` (or the same key in config) overrides CLAUDE_CONFIG_DIR / default discovery. */
export function claudeCodeSource(options: ClaudeCodeSourceOptions = {}): SyncPlugin<ClaudeCodeSourceOptions> {
  const defaults = ClaudeCodeSourceOptions.parse(options);
  return definePlugin<ClaudeCodeSourceOptions>({
    name: PLUGIN_NAME,
    provides: 'source:claude-code',
    optionsSchema: ClaudeCodeSourceOptions,
    apply(hooks, context) {
      const roots = context.options?.roots ?? defaults.roots;
      const folds: FoldCache = new WeakMap();
      // Roots come from the environment of each run (HOME / CLAUDE_CONFIG_DIR may change between runs in one process).
      hooks.discover.tap(PLUGIN_NAME, (files) => [...files, ...discoverTranscripts(resolveClaudeRoots({ env: process.env, roots }), PLUGIN_NAME)]);
      hooks.parse.tap(PLUGIN_NAME, (request, run) => (request.file.source === PLUGIN_NAME ? parseTranscript(request, { limits: run.limits, cache: folds, logger: run.logger }) : undefined));
    },
  });
}

export { ClaudeCodeSourceOptions } from './options.js';
export { resolveClaudeRoots, type ClaudeRoot } from './claude-roots.js';
export { discoverTranscripts } from './discover.js';
export { parseTranscript, type ParseOptions } from './parse-transcript.js';
export { readCompleteLines } from './line-reader.js';
export { parseLine } from './parse-line.js';
export { isHumanPrompt, userMessageKind } from './human-prompt.js';
export { isQuestionPrompt } from './question-prompt.js';
export { dedupKey, offerUsage, resolveDedup, emptyScope } from './dedup.js';
