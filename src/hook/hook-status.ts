/** What `status` shows about the hook: where it is installed, and how the last hook runs went. */
import path from 'node:path';
import { formatError } from '../errors.js';
import { currentCommandParts, hookCommand } from './hook-command.js';
import { hookLogPath } from './hook-log.js';
import { readHandOff } from './hook-handoff.js';
import { readHookState, type HookRun } from './hook-state.js';
import { readLedger } from './install-ledger.js';
import { findOurCommands } from './session-end-edit.js';
import { readSettings } from './settings-file.js';
import { allSettingsFiles, type HookScope } from './settings-paths.js';

/** The hook's status. */
export interface HookStatus {
  /** Settings files holding our SessionEnd hook. */
  installed: Array<{ scope: HookScope; file: string }>;
  /** Settings files we could not read or parse (the hook may be there; Claude Code may skip such a file). */
  unreadable: Array<{ scope: HookScope; file: string; error: string }>;
  /** The last background hook sync, or null if none finished yet. */
  lastRun: HookRun | null;
  /** The last one that failed, or null. */
  lastFailure: HookRun | null;
  /** When a hook run last handed work to a background sync. */
  lastHandOff: { at: string; transcript: string | null } | null;
  /** Where failures are logged. */
  logFile: string;
}

/** Reads the hook's status for `status`; never throws for a damaged file, it reports it. */
export function readHookStatus(home: string, env: NodeJS.ProcessEnv, cwd = process.cwd()): HookStatus {
  const ours = new Set<string>();
  try {
    ours.add(hookCommand(currentCommandParts(env)));
  } catch {
    // without a package root only the ledger's commands are recognisable
  }
  let ledgerCommands = new Map<string, string>();
  try {
    ledgerCommands = new Map(Object.entries(readLedger(home).files).map(([file, entry]) => [file, entry.command]));
  } catch {
    // a damaged ledger only narrows what we recognise
  }
  const installed: HookStatus['installed'] = [];
  const unreadable: HookStatus['unreadable'] = [];
  const seen = new Set<string>();
  for (const { scope, file } of allSettingsFiles(env, cwd)) {
    const key = path.resolve(file);
    // In a repository at $HOME the project file can be the user file; report it once.
    if (seen.has(key)) continue;
    seen.add(key);
    const recorded = ledgerCommands.get(key);
    try {
      const { text } = readSettings(file);
      if (text === null) continue;
      if (findOurCommands(text, (command) => ours.has(command) || command === recorded).length > 0) installed.push({ scope, file });
    } catch (error) {
      unreadable.push({ scope, file, error: formatError(error) });
    }
  }
  const state = readHookState(home);
  return {
    installed,
    unreadable,
    lastRun: state.lastRun,
    lastFailure: state.lastFailure,
    lastHandOff: readHandOff(home),
    logFile: hookLogPath(home),
  };
}
