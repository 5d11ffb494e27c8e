/** The user config in `$CODE_INSIGHTS_HOME/config.json`: read, validated, and updated atomically (0600). */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { userConfigPath } from './paths.js';
import { type CodeInsightsConfig, configSchema } from './schema.js';
import { formatConfigIssues } from './format-issues.js';

/** Reads and validates the user config; `{}` when there is none. */
export function readUserConfig(home: string): CodeInsightsConfig {
  const file = userConfigPath(home);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`, {
      suggestions: [`Fix or remove ${file}, or run "code-insights init" again`],
    });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(formatConfigIssues(parsed.error, file));
  return parsed.data;
}

/** Applies `mutate` to the user config and writes it back atomically; the result is validated first. */
export function updateUserConfig(home: string, mutate: (config: CodeInsightsConfig) => CodeInsightsConfig): CodeInsightsConfig {
  const file = userConfigPath(home);
  const next = mutate(readUserConfig(home));
  const parsed = configSchema.safeParse(next);
  if (!parsed.success) throw new ConfigError(formatConfigIssues(parsed.error, file));
  writeFileAtomic(file, `${JSON.stringify(parsed.data, null, 2)}\n`, { mode: 0o600 });
  return parsed.data;
}
