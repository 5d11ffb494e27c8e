/** Plugins: every built-in, installed and config-listed plugin resolves, loads and applies, as `status` and `sync` load them. */
import { createLogger } from '../cli/logger.js';
import type { LoadedConfig } from '../config/load-config.js';
import { CodeInsightsError, formatError } from '../errors.js';
import type { InstalledPluginRef } from '../plugins/import-plugin.js';
import { buildPipeline, resolvePlugins, type ResolvedPlugin } from '../plugins/load-plugins.js';
import { check, suggestionsOf, type DoctorCheck } from './check.js';

/** Loads the plugins; `collectInstalled` runs the installed packages' hook (the command passes oclif's). */
export async function checkPlugins(
  loaded: LoadedConfig,
  input: { home: string; collectInstalled: () => Promise<InstalledPluginRef[]> },
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let installed: InstalledPluginRef[] = [];
  try {
    installed = await input.collectInstalled();
  } catch (error) {
    // The config-listed and built-in plugins are still checked below.
    checks.push(check('plugins', 'installed', 'fail', formatError(error), suggestionsOf(error) ?? 'Update or remove it: code-insights plugins uninstall <package>'));
  }
  let resolved: ResolvedPlugin[];
  try {
    resolved = await resolvePlugins(loaded, installed);
  } catch (error) {
    return [...checks, ...(await eachListedFailure(loaded, installed)) ?? [loadFailure(error)]];
  }
  try {
    await buildPipeline(resolved, { logger: createLogger({ quiet: true }), stateDir: input.home, signal: new AbortController().signal });
  } catch (error) {
    return [...checks, loadFailure(error)];
  }
  const names = resolved.map((entry) => (entry.origin.kind === 'builtin' ? entry.plugin.name : `${entry.plugin.name} (${entry.origin.kind})`));
  return [...checks, check('plugins', 'load', 'ok', `${names.length} plugins load: ${names.join(', ')}`)];
}

function loadFailure(error: unknown, id = 'load'): DoctorCheck {
  // Our errors name the plugin; anything else came from a module a plugin (a built-in, when nothing else is listed) imports.
  const message = error instanceof CodeInsightsError ? formatError(error) : `a plugin does not load: ${formatError(error)}`;
  return check(
    'plugins',
    id,
    'fail',
    message,
    suggestionsOf(error) ?? 'Fix or remove that plugin (config "plugins", or "code-insights plugins uninstall"); if it is a built-in, reinstall code-insights',
  );
}

/**
 * The loader stops at the first plugin that fails; importing each config-listed plugin on its own names them all.
 * Null when none fails alone (the problem is elsewhere: a built-in, an unknown sink), so the loader's error is shown.
 */
async function eachListedFailure(loaded: LoadedConfig, installed: InstalledPluginRef[]): Promise<DoctorCheck[] | null> {
  if (loaded.plugins.length === 0) return null;
  const { importListedPlugin } = await import('../plugins/import-plugin.js');
  const failures: DoctorCheck[] = [];
  for (const [i, listed] of loaded.plugins.entries()) {
    try {
      await importListedPlugin(listed, installed);
    } catch (error) {
      failures.push(loadFailure(error, `listed-${i + 1}`));
    }
  }
  return failures.length > 0 ? failures : null;
}
