/** The shell command written into Claude Code's settings, and the install-time check that it really runs. */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeInsightsError, EXIT } from '../errors.js';

/** Seconds Claude Code gives our handler. Small on purpose: the SessionEnd budget of every hook rises to the largest one. */
export const HOOK_TIMEOUT_SECONDS = 5;

const PACKAGE_NAME = 'code-insights';

/** The hook command could not be checked to run. Exit 1. */
export class HookCommandError extends CodeInsightsError {
  constructor(message: string, options: { suggestions?: string[]; cause?: unknown } = {}) {
    super(message, { code: 'HOOK_COMMAND', exitCode: EXIT.PARTIAL, ...options });
  }
}

/** The root of this package (holding package.json and bin/run.js), found from this module whether it runs from src or dist. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      // Only the name matters; checked by hand because this runs on the hook's hot path.
      const pkg: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && (pkg as { name?: unknown }).name === PACKAGE_NAME) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new HookCommandError(`cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The CLI entry point, `<package>/bin/run.js`. */
export function binRunPath(): string {
  return path.join(packageRoot(), 'bin', 'run.js');
}

/** The parts of the hook command; absolute paths so it works from any cwd and whatever PATH Claude Code has. */
export interface HookCommandParts {
  /** The Node binary running us now (under npx, the project's pinned Node, not the system one). */
  node: string;
  binRun: string;
  /** Set when the user runs with a non-default `CODE_INSIGHTS_HOME`, so hook runs use the same store. */
  codeInsightsHome?: string;
}

/** The parts for this process and environment. */
export function currentCommandParts(env: NodeJS.ProcessEnv): HookCommandParts {
  const home = env.CODE_INSIGHTS_HOME?.trim();
  return { node: process.execPath, binRun: binRunPath(), ...(home ? { codeInsightsHome: path.resolve(home) } : {}) };
}

/** `'<node>' '<bin/run.js>' sync -q`, each path quoted for sh, with `CODE_INSIGHTS_HOME=…` in front when set. */
export function hookCommand(parts: HookCommandParts): string {
  const envPrefix = parts.codeInsightsHome ? `CODE_INSIGHTS_HOME=${shellQuote(parts.codeInsightsHome)} ` : '';
  return `${envPrefix}${shellQuote(parts.node)} ${shellQuote(parts.binRun)} sync -q`;
}

/** Single-quotes `value` for POSIX sh (a `'` becomes `'\''`). */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Checks that the command will run in a hook: both files exist, Node is executable, and the same invocation
 * through `sh -c` answers `--version` as this package. A hook that exits 127 would show an error in every session.
 */
export function verifyHookCommand(parts: HookCommandParts, env: NodeJS.ProcessEnv): string {
  try {
    accessSync(parts.node, constants.X_OK);
    if (!statSync(parts.node).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new HookCommandError(`the Node binary ${parts.node} is not an executable file`, { cause: error });
  }
  try {
    accessSync(parts.binRun, constants.R_OK);
  } catch (error) {
    throw new HookCommandError(`the CLI entry point ${parts.binRun} is not readable`, { cause: error });
  }
  const probe = hookCommand(parts).replace(/ sync -q$/, ' --version');
  const result = spawnSync('/bin/sh', ['-c', probe], { env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = (result.stdout ?? '').trim();
  if (result.error || result.status !== 0 || !out.startsWith(`${PACKAGE_NAME}/`)) {
    const why = result.error ? result.error.message : `exit ${String(result.status ?? result.signal)}: ${(result.stderr ?? '').trim().slice(0, 300)}`;
    throw new HookCommandError(`the hook command does not run (${probe}): ${why}`, {
      suggestions: ['Reinstall code-insights, then run install-hook again'],
    });
  }
  return out;
}
