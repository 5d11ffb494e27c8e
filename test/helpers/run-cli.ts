/** Runs the built CLI (`bin/run.js` → dist/) in a child process with the pinned Node and a temp environment. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './tmp-home.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const BIN = path.join(REPO_ROOT, 'bin/run.js');

export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: options.env,
    cwd: options.cwd ?? options.env.HOME,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that prints JSON and parses it, failing with the CLI's stderr when it does not. */
export function runCliJson<T = unknown>(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): T {
  const result = runCli(args, options);
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`code-insights ${args.join(' ')} exited ${result.status}, stdout: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr.slice(0, 2000)}`);
  }
}
