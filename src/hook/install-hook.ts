/** `install-hook` / `uninstall-hook` logic: edit one settings file through the safe reader/writer, keep the ledger in step. */
import path from 'node:path';
import { currentCommandParts, hookCommand, HOOK_TIMEOUT_SECONDS, verifyHookCommand, type HookCommandParts } from './hook-command.js';
import { readLedger, writeLedger } from './install-ledger.js';
import { addSessionEndHook, removeSessionEndHook, SettingsContentError } from './session-end-edit.js';
import { readSettings, SettingsFileError, writeSettings } from './settings-file.js';
import { settingsFileFor, type HookScope } from './settings-paths.js';

/** Where and how to install or uninstall. */
export interface HookEditOptions {
  scope: HookScope;
  env: NodeJS.ProcessEnv;
  /** Directory whose repository the project and local scopes refer to. */
  cwd: string;
  /** `$CODE_INSIGHTS_HOME` (holds the install ledger). */
  home: string;
  /** Test seam: the command parts (default: this Node and this package's bin/run.js). */
  parts?: HookCommandParts;
}

/** What install did. */
export interface InstallHookResult {
  scope: HookScope;
  file: string;
  /** `added`: new entry; `updated`: our older command replaced by the current one; `present`: nothing changed. */
  action: 'added' | 'updated' | 'present';
  command: string;
  /** Copy of the previous file, or null when nothing was written or the file was new. */
  backup: string | null;
}

/** What uninstall did. */
export interface UninstallHookResult {
  scope: HookScope;
  file: string;
  removed: number;
  backup: string | null;
}

/** Adds our SessionEnd hook to the scope's settings file, after checking the command runs. Idempotent. */
export function installHook(options: HookEditOptions): InstallHookResult {
  const file = settingsFileFor(options.scope, options.env, options.cwd);
  const parts = options.parts ?? currentCommandParts(options.env);
  const command = hookCommand(parts);
  verifyHookCommand(parts, options.env);
  const ledger = readLedger(options.home);
  const key = path.resolve(file);
  const entry = ledger.files[key];
  const before = readSettings(file);
  const edit = asSettingsError(file, () =>
    addSessionEndHook(before.text, { command, timeout: HOOK_TIMEOUT_SECONDS }, (found) => found === command || found === entry?.command),
  );
  if (edit.action === 'present') return { scope: options.scope, file, action: 'present', command, backup: null };
  const backup = writeSettings(before, edit.text);
  ledger.files[key] = {
    scope: options.scope,
    command,
    created: edit.action === 'updated' && entry ? entry.created : edit.created,
    installedAt: new Date().toISOString(),
  };
  writeLedger(options.home, ledger);
  return { scope: options.scope, file, action: edit.action, command, backup };
}

/** Removes exactly what install added to the scope's settings file (and the empty containers it created). */
export function uninstallHook(options: HookEditOptions): UninstallHookResult {
  const file = settingsFileFor(options.scope, options.env, options.cwd);
  const command = hookCommand(options.parts ?? currentCommandParts(options.env));
  const ledger = readLedger(options.home);
  const key = path.resolve(file);
  const entry = ledger.files[key];
  const before = readSettings(file);
  let removed = 0;
  let backup: string | null = null;
  if (before.text !== null) {
    const text = before.text;
    const edit = asSettingsError(file, () =>
      removeSessionEndHook(text, (found) => found === command || found === entry?.command, entry?.created ?? null),
    );
    removed = edit.removed;
    if (removed > 0) backup = writeSettings(before, edit.text);
  }
  if (entry) {
    delete ledger.files[key];
    writeLedger(options.home, ledger);
  }
  return { scope: options.scope, file, removed, backup };
}

/** Turns a content problem into an error naming the file; exit 2, file untouched. */
function asSettingsError<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SettingsContentError) {
      throw new SettingsFileError(file, `is not valid settings JSON (${error.message}); it was left unchanged`, {
        suggestions: ['Fix the file (or move it away), then run the command again'],
      });
    }
    throw error;
  }
}
