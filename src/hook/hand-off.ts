/**
 * The hook run: `sync -q` started by Claude Code's SessionEnd hook. Claude Code gives all SessionEnd hooks about
 * 1.5 s together and kills what runs longer, so the run only reads the payload, starts a detached background sync
 * that takes the named transcript first, and returns. It never prints and never fails: problems go to hook.log.
 */
import { closeSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { formatError } from '../errors.js';
import { binRunPath } from './hook-command.js';
import { appendHookLog, openHookLog } from './hook-log.js';
import { classifyStdin } from './hook-payload.js';
import { recordHandOff } from './hook-handoff.js';
import { readHookStdin, type StdinSource } from './read-hook-stdin.js';

/** Hidden `sync` flag that marks the background worker (it must not hand off again). */
export const HOOK_WORKER_FLAG = '--hook-worker';
/** Hidden, repeatable `sync` flag: transcripts to sync first. */
export const FIRST_FLAG = '--first';

/** Inputs of `handOffIfHookRun`. */
export interface HandOffOptions {
  quiet: boolean;
  /** `$CODE_INSIGHTS_HOME` (the worker gets the same one). */
  home: string;
  /** The sync command's own arguments (without the command name). */
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** Test seam: where stdin is read from. */
  stdin?: Partial<StdinSource>;
  /** Test seam: the script the worker runs (default: this package's bin/run.js). */
  binRun?: string;
}

/**
 * True when this `sync -q` was started by a Claude Code hook and the work was handed to a background sync: the
 * caller then returns at once, printing nothing, exit 0. False for every other run (no `-q`, a terminal, CI with
 * an empty stdin, the worker itself), which proceeds as a normal sync.
 */
export async function handOffIfHookRun(options: HandOffOptions): Promise<boolean> {
  if (!options.quiet || options.argv.includes(HOOK_WORKER_FLAG)) return false;
  const text = await readHookStdin(options.stdin);
  if (text === null) return false;
  const verdict = classifyStdin(text);
  if (verdict.kind === 'not-a-hook') return false;
  const transcript = verdict.kind === 'payload' ? verdict.payload.transcript_path : null;
  try {
    await spawnWorker(options, transcript);
    recordHandOff(options.home, transcript);
  } catch (error) {
    // Still a hook run: exiting non-zero would put a "hook error" into the user's session, so log and return true.
    try {
      appendHookLog(options.home, `could not start the background sync for ${transcript ?? 'a hook run'}: ${formatError(error)}`);
    } catch {
      // the state directory itself is unusable; nothing more we can do quietly
    }
  }
  return true;
}

/** Niceness of the background sync: it yields the CPU to Claude Code and to other hook runs still starting up. */
const WORKER_NICENESS = 10;

function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, WORKER_NICENESS);
  } catch {
    // not permitted or not supported here: the worker just runs at normal priority
  }
}

/** Starts `sync -q --hook-worker [--first <transcript>]` in its own session, output to hook.log, and lets it go. */
async function spawnWorker(options: HandOffOptions, transcript: string | null): Promise<void> {
  const passThrough = options.argv.filter((arg) => arg !== '-q' && arg !== '--quiet');
  const args = [options.binRun ?? binRunPath(), 'sync', '-q', HOOK_WORKER_FLAG, ...(transcript ? [FIRST_FLAG, transcript] : []), ...passThrough];
  const logFd = openHookLog(options.home);
  try {
    const child = spawn(process.execPath, args, {
      detached: true,
      // Not the session's repository: code in a repository's JS/TS config runs only when the user runs a command there.
      cwd: options.home,
      stdio: ['ignore', logFd, logFd],
      env: { ...(options.env ?? process.env), CODE_INSIGHTS_HOME: options.home },
    });
    // spawn() reports a missing binary asynchronously; wait for either outcome (a few milliseconds).
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    lowerPriority(child.pid);
    child.unref();
  } finally {
    closeSync(logFd);
  }
}
