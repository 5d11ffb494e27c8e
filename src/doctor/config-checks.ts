/** Config: the user and repository config files load and validate, as every command would load them. */
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { formatError } from '../errors.js';
import { configuredSinks } from '../plugins/load-plugins.js';
import { check, suggestionsOf, type DoctorCheck } from './check.js';

/** The checks, and the config when it loaded (later groups need it). */
export interface ConfigChecks {
  checks: DoctorCheck[];
  loaded: LoadedConfig | null;
}

/** Loads the config for `cwd`; a bad file fails with loadConfig's message, which names the file and the key. */
export async function checkConfig(options: { cwd: string; home: string }): Promise<ConfigChecks> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig(options);
  } catch (error) {
    // ConfigError names the file and key; anything else (a config module that throws) is reported the same way.
    const fix = suggestionsOf(error) ?? 'Fix the key named above in that file (see .code-insightsrc.example for every key), or move the file away';
    return { checks: [check('config', 'load', 'fail', formatError(error), fix)], loaded: null };
  }
  const files = loaded.files.length > 0 ? `config files: ${loaded.files.join(', ')}` : 'no config file; using the defaults';
  return {
    checks: [check('config', 'load', 'ok', files), check('config', 'sinks', 'info', `sync writes to: ${enabledSinks(loaded).join(', ') || 'no sink'}`)],
    loaded,
  };
}

/** The configured sinks whose built-in plugin is not disabled. */
export function enabledSinks(loaded: LoadedConfig): string[] {
  const disabled = new Set(loaded.config.disable ?? []);
  return configuredSinks(loaded).filter((sink) => !disabled.has(`${sink}-sink`));
}
