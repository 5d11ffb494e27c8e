/**
 * Runs every group of checks in order and collects their verdicts. Read-only: it creates no store, state, device id
 * or directory, contacts no network, and loads neither firebase-admin nor, when it is missing, node:sqlite.
 */
import { existsSync } from 'node:fs';
import { formatError } from '../errors.js';
import type { InstalledPluginRef } from '../plugins/import-plugin.js';
import { check, toReport, type CheckGroup, type DoctorCheck, type DoctorReport } from './check.js';
import { checkConfig, enabledSinks } from './config-checks.js';
import { checkFirestore } from './firestore-checks.js';
import { checkHook } from './hook-checks.js';
import { checkPlugins } from './plugin-checks.js';
import { checkRoots } from './roots-checks.js';
import { checkRuntime, CURRENT_RUNTIME, type RuntimeProbe } from './runtime-checks.js';
import { checkState } from './state-checks.js';

/** Where to look, and the seams tests use. */
export interface DoctorOptions {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Pipeline plugins of installed packages; may throw (a package that fails to load is a failed check). */
  collectInstalled?: () => Promise<InstalledPluginRef[]>;
  runtime?: RuntimeProbe;
}

/** Runs all checks. A check that throws unexpectedly becomes a failed check of its group; the others still run. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const run = async (group: CheckGroup, body: () => DoctorCheck[] | Promise<DoctorCheck[]>) => {
    try {
      checks.push(...(await body()));
    } catch (error) {
      checks.push(check(group, 'unexpected', 'fail', `doctor could not check this: ${formatError(error)}`, 'Please report this as a bug, with the message above'));
    }
  };
  const runtime = await checkRuntime(options.runtime ?? CURRENT_RUNTIME);
  checks.push(...runtime);
  const sqliteLoads = runtime.some((c) => c.id === 'runtime.sqlite' && c.status === 'ok');

  // checkConfig reports every load error as a check; it does not throw.
  const { checks: configChecks, loaded: config } = await checkConfig({ cwd: options.cwd, home: options.home });
  checks.push(...configChecks);
  await run('state', () => checkState(options.home));
  if (config === null) {
    for (const group of ['store', 'roots', 'firestore', 'plugins'] as const) {
      checks.push(check(group, 'skipped', 'info', 'not checked: the config did not load'));
    }
    await run('hook', () => checkHook(options.home, options.env, options.cwd));
    return toReport(checks);
  }
  const sinks = enabledSinks(config);
  const disabled = new Set(config.config.disable ?? []);

  await run('store', async () => {
    // The store modules load node:sqlite, which an old Node lacks: imported only once the runtime check saw it load.
    if (!sqliteLoads) return [check('store', 'skipped', 'info', 'not checked: node:sqlite does not load')];
    const [{ localStorePath }, { checkStore }] = await Promise.all([import('../store/local-store.js'), import('./store-checks.js')]);
    const file = localStorePath(config.config, options.home);
    const configured = sinks.includes('sqlite');
    if (!configured && !existsSync(file)) return [];
    return checkStore(file, { configured });
  });
  await run('roots', () => {
    const roots: unknown = config.config.options?.['claude-code-source']?.['roots'];
    const rootsOption = Array.isArray(roots) && roots.every((r) => typeof r === 'string') ? roots : undefined;
    return checkRoots({ env: options.env, rootsOption, disabled: disabled.has('claude-code-source') });
  });
  await run('hook', () => checkHook(options.home, options.env, options.cwd));
  if (sinks.includes('firestore')) {
    await run('firestore', () =>
      checkFirestore(config.config.options?.['firestore-sink'], { env: options.env, home: options.home, configFile: config.files.at(-1) ?? 'config' }),
    );
  }
  await run('plugins', () => checkPlugins(config, { home: options.home, collectInstalled: options.collectInstalled ?? (async () => []) }));
  return toReport(checks);
}
