/** Where code-insights keeps its files: `$CODE_INSIGHTS_HOME`, default `~/.code-insights`. */
import os from 'node:os';
import path from 'node:path';

/** The state directory (config, sync state, local store, logs). Read from the environment at call time. */
export function codeInsightsHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CODE_INSIGHTS_HOME?.trim();
  if (fromEnv) return path.resolve(expandHome(fromEnv, env));
  return path.join(homeDir(env), '.code-insights');
}

/** The user's home directory, honouring HOME so tests can point it at a temp dir. */
export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME?.trim() || os.homedir();
}

/** Expands a leading `~`. */
export function expandHome(p: string, env: NodeJS.ProcessEnv = process.env): string {
  if (p === '~') return homeDir(env);
  if (p.startsWith('~/')) return path.join(homeDir(env), p.slice(2));
  return p;
}

/** The user config file written by `init` and merged under any repository config. */
export function userConfigPath(home: string): string {
  return path.join(home, 'config.json');
}
