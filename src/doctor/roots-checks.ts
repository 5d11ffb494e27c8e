/**
 * Claude Code roots: the ones discovery would read, found with the source plugin's own root logic
 * (`roots` option, else CLAUDE_CONFIG_DIR, else the default locations), and how many transcripts each holds.
 */
import { discoverTranscripts, PLUGIN_NAME, resolveClaudeRoots } from '../../plugins-builtin/claude-code-source/index.js';
import { count } from '../cli/count.js';
import { check, type DoctorCheck } from './check.js';

/** Where the roots come from. */
export interface RootsInput {
  env: NodeJS.ProcessEnv;
  /** `options."claude-code-source".roots` of the config, when set. */
  rootsOption?: readonly string[] | undefined;
  /** The built-in source is disabled in config: it reads nothing. */
  disabled?: boolean;
}

/** One check per root (listed entries that do not exist included), and a warning when no transcript is found at all. */
export function checkRoots(input: RootsInput): DoctorCheck[] {
  if (input.disabled) return [check('roots', 'source', 'info', `${PLUGIN_NAME} is disabled in config: no Claude Code transcripts are read`)];
  const listed = input.rootsOption ?? (input.env.CLAUDE_CONFIG_DIR?.trim() ? input.env.CLAUDE_CONFIG_DIR.split(',') : undefined);
  const where = input.rootsOption ? 'options."claude-code-source".roots' : 'CLAUDE_CONFIG_DIR';
  const checks: DoctorCheck[] = [];
  let total = 0;
  const report = (id: string, root: string, transcripts: number) => {
    total += transcripts;
    checks.push(check('roots', id, transcripts > 0 ? 'ok' : 'info', `${root}: ${count(transcripts, 'transcript')}`));
  };
  if (listed) {
    const entries = listed.map((entry) => entry.trim()).filter((entry) => entry !== '');
    entries.forEach((entry, i) => {
      // Each entry on its own through the plugin's resolver: it drops entries without a projects/ directory.
      const [root] = resolveClaudeRoots({ env: input.env, roots: [entry] });
      if (root) report(`root-${i + 1}`, root.root, discoverTranscripts([root], PLUGIN_NAME).length);
      else checks.push(check('roots', `root-${i + 1}`, 'info', `${entry} (from ${where}) has no projects/ directory: skipped`));
    });
  } else {
    resolveClaudeRoots({ env: input.env }).forEach((root, i) => report(`root-${i + 1}`, root.root, discoverTranscripts([root], PLUGIN_NAME).length));
  }
  if (total === 0) {
    const looked = listed ? `in ${where}` : 'in ~/.config/claude or ~/.claude (CLAUDE_CONFIG_DIR is not set)';
    checks.push(
      check(
        'roots',
        'found',
        'warn',
        `no Claude Code transcripts found ${looked}`,
        'Point CLAUDE_CONFIG_DIR at the directory holding projects/ (comma-separate several), or use Claude Code once so it writes a transcript',
      ),
    );
  }
  return checks;
}
