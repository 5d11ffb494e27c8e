/** The Claude Code hook: installed or not, and when installed, whether the command it runs still exists. */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { codeInsightsHome } from '../config/paths.js';
import { currentCommandParts, hookCommand } from '../hook/hook-command.js';
import { readHookStatus } from '../hook/hook-status.js';
import { readLedger } from '../hook/install-ledger.js';
import { findOurCommands } from '../hook/session-end-edit.js';
import { BACKUP_SUFFIX, readSettings } from '../hook/settings-file.js';
import { check, type DoctorCheck } from './check.js';
import { commandTarget } from '../hook/shell-words.js';

const REINSTALL = 'Run "code-insights install-hook" again: it rewrites the command for this installation';

/** Checks the hook as `status` sees it (same reader), plus the files its command names. */
export function checkHook(home: string, env: NodeJS.ProcessEnv, cwd: string): DoctorCheck[] {
  const status = readHookStatus(home, env, cwd);
  const checks: DoctorCheck[] = [];
  for (const bad of status.unreadable) {
    checks.push(
      check('hook', `settings-${bad.scope}`, 'warn', `cannot read the ${bad.scope} settings ${bad.file}: ${bad.error}`, `Fix that file (install-hook keeps the previous version in ${bad.file}${BACKUP_SUFFIX}); Claude Code may ignore a file it cannot parse`),
    );
  }
  if (status.installed.length === 0) {
    checks.push(check('hook', 'installed', 'info', 'not installed: transcripts sync when you run "code-insights sync" (or add the hook: "code-insights install-hook")'));
  }
  for (const { scope, file } of status.installed) {
    for (const command of ourCommands(file, home, env)) checks.push(checkCommand(scope, file, command, home, env));
  }
  const last = status.lastRun;
  if (last && last.exitCode !== 0) {
    checks.push(
      check(
        'hook',
        'last-run',
        'warn',
        `the last hook sync (${last.finishedAt}) exited ${last.exitCode}${last.error ? `: ${last.error}` : ''}`,
        `Details in ${status.logFile}; run "code-insights sync" to see the error`,
      ),
    );
  }
  return checks;
}

/** Our commands in one settings file: the current one, or the one the install ledger recorded writing there. */
function ourCommands(file: string, home: string, env: NodeJS.ProcessEnv): string[] {
  const ours = new Set<string>();
  try {
    ours.add(hookCommand(currentCommandParts(env)));
  } catch {
    // without a package root only the ledger's command is recognisable
  }
  try {
    const recorded = readLedger(home).files[path.resolve(file)]?.command;
    if (recorded) ours.add(recorded);
  } catch {
    // a damaged ledger only narrows what we recognise, as in status
  }
  try {
    const { text } = readSettings(file);
    return text === null ? [] : findOurCommands(text, (command) => ours.has(command));
  } catch {
    return [];
  }
}

function checkCommand(scope: string, file: string, command: string, home: string, env: NodeJS.ProcessEnv): DoctorCheck {
  const id = `command-${scope}`;
  const target = commandTarget(command);
  if (!target || target.script === null) {
    return check('hook', id, 'warn', `installed in ${file} (${scope}), but its command cannot be read: ${command}`, REINSTALL);
  }
  const missing = [
    isExecutableFile(target.program) ? null : `${target.program} (Node)`,
    isReadableFile(target.script) ? null : `${target.script} (the code-insights CLI)`,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    return check('hook', id, 'fail', `the hook in ${file} (${scope}) runs ${missing.join(' and ')}, which ${missing.length > 1 ? 'do' : 'does'} not exist: every session end fails`, REINSTALL);
  }
  const defaultHome = codeInsightsHome({ ...env, CODE_INSIGHTS_HOME: '' });
  const hookHome = target.env.CODE_INSIGHTS_HOME ? path.resolve(target.env.CODE_INSIGHTS_HOME) : defaultHome;
  if (hookHome !== path.resolve(home)) {
    return check('hook', id, 'warn', `the hook in ${file} (${scope}) syncs into ${hookHome}, not into ${home}`, 'Run "code-insights install-hook" with the CODE_INSIGHTS_HOME you use');
  }
  return check('hook', id, 'ok', `installed in ${file} (${scope}); runs ${target.program} ${target.script}`);
}

function isExecutableFile(file: string): boolean {
  return isFileWith(file, constants.X_OK);
}

function isReadableFile(file: string): boolean {
  return isFileWith(file, constants.R_OK);
}

/** A regular file this process may access in `mode`. */
function isFileWith(file: string, mode: number): boolean {
  try {
    accessSync(file, mode);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
