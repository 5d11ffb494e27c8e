/** `$CODE_INSIGHTS_HOME/hook.log`: what background hook syncs report. Rotated so it never grows without bound. */
import { appendFileSync, mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

/** Past this size the log becomes `hook.log.1` (replacing the previous one): at most about twice this on disk. */
export const HOOK_LOG_MAX_BYTES = 256 * 1024;
/** Longest error text kept per line. */
const MAX_MESSAGE_CHARS = 500;

/** The log file of a state directory. */
export function hookLogPath(home: string): string {
  return path.join(home, 'hook.log');
}

/** Rotates the log when it is over the cap. Two processes rotating at once lose at most one generation. */
export function rotateHookLog(home: string, maxBytes = HOOK_LOG_MAX_BYTES): void {
  const file = hookLogPath(home);
  try {
    if (statSync(file).size >= maxBytes) renameSync(file, `${file}.1`);
  } catch {
    // absent, or another process rotated it first
  }
}

/** Opens the log for appending (rotating first), for a background worker's stdout and stderr. */
export function openHookLog(home: string): number {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  rotateHookLog(home);
  return openSync(hookLogPath(home), 'a', 0o600);
}

/** Appends one timestamped line. The message is flattened to one line and capped; callers pass no transcript content. */
export function appendHookLog(home: string, message: string, now = new Date()): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  rotateHookLog(home);
  appendFileSync(hookLogPath(home), `${now.toISOString()} ${oneLine(message)}\n`, { mode: 0o600 });
}

/** Collapses whitespace and caps the length, so one error cannot flood the log. */
export function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS)}…` : flat;
}
