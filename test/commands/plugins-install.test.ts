/**
 * `plugins install|uninstall|link` end to end: a plugin package published to a local verdaccio (no uplinks) is installed
 * by the built CLI with npm_config_registry pointing there, then changes what `sync` stores; uninstalled, it no longer does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../hook/built-cli.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';
import { startRegistry, type TestRegistry } from '../helpers/verdaccio.js';
import { DEFAULT_PREFIX, writePluginPackage } from '../plugins/plugin-package.js';

const PACKAGE = 'code-insights-plugin-prefix-titles';

interface SessionJson {
  id: string;
  title: string | null;
}
interface PluginsJson {
  pipeline: Array<{ name: string; provides: string | null; origin: string }>;
}

let tmp: TmpHome;
let registry: TestRegistry;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  assertBuilt(['commands', 'plugins', 'config', 'pipeline']);
  tmp = makeTmpHome({ copyRealFixtures: true });
  registry = await startRegistry(path.join(tmp.root, 'registry'));
  registry.publish(writePluginPackage(path.join(tmp.root, 'pkg'), PACKAGE));
  // As a user's shell would be: no test-mode NODE_ENV (oclif would try to transpile plugins), our registry only.
  const { NODE_ENV: _unused, ...rest } = tmp.env;
  env = { ...rest, npm_config_registry: registry.url, npm_config_update_notifier: 'false', OCLIF_DISABLE_LINKED_ESM_WARNING: '1' };
});

afterAll(async () => {
  await registry?.stop();
  tmp?.[Symbol.dispose]();
});

const titles = () => runCliJson<SessionJson[]>(['sessions', '--json'], { env }).map((s) => s.title);

describe('plugins install from a registry', () => {
  it('applies the installed plugin to sync, lists it with its origin, and stops after uninstall', () => {
    const install = runCli(['plugins', 'install', PACKAGE], { env });
    expect(install.stderr).toContain('installed v1.0.0');
    expect(install.status).toBe(0);

    const sync = runCliJson<{ errors: unknown[]; sessionsWritten: number }>(['sync', '--json'], { env });
    expect(sync.errors).toEqual([]);
    expect(sync.sessionsWritten).toBeGreaterThan(0);
    const stored = titles();
    expect(stored.length).toBeGreaterThan(0);
    for (const title of stored) expect(title?.startsWith(DEFAULT_PREFIX)).toBe(true);

    const listed = runCliJson<PluginsJson>(['plugins', '--json'], { env });
    expect(listed.pipeline).toContainEqual({ name: 'prefix-titles', provides: null, origin: `installed (${PACKAGE})` });
    const status = runCliJson<PluginsJson & { plugins: PluginsJson['pipeline'] }>(['status', '--json'], { env });
    expect(status.plugins).toContainEqual({ name: 'prefix-titles', provides: null, origin: `installed (${PACKAGE})` });

    expect(runCli(['plugins', 'uninstall', PACKAGE], { env }).status).toBe(0);
    expect(runCli(['sync', '--regenerate-titles', '--json'], { env }).status).toBe(0);
    for (const title of titles()) expect(title?.startsWith(DEFAULT_PREFIX)).toBe(false);
    expect(runCliJson<PluginsJson>(['plugins', '--json'], { env }).pipeline.map((p) => p.name)).not.toContain('prefix-titles');
  });

  it('applies a plugin both installed and listed in config once, with the config entry options', () => {
    expect(runCli(['plugins', 'install', PACKAGE], { env }).status).toBe(0);
    const repo = path.join(tmp.root, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    writeFileSync(path.join(repo, '.code-insightsrc.json'), JSON.stringify({ plugins: [[PACKAGE, { prefix: '<cfg> ' }]] }));
    expect(runCli(['sync', '--regenerate-titles', '--json'], { env, cwd: repo }).status).toBe(0);
    for (const title of titles()) {
      expect(title?.startsWith('<cfg> ')).toBe(true);
      // Applied twice, the installed copy would add its default prefix too (or the config one twice).
      expect(title).not.toContain(DEFAULT_PREFIX);
      expect(title?.slice('<cfg> '.length)).not.toContain('<cfg> ');
    }
    const active = runCliJson<PluginsJson>(['plugins', '--json'], { env, cwd: repo }).pipeline.filter((p) => p.name === 'prefix-titles');
    expect(active).toEqual([{ name: 'prefix-titles', provides: null, origin: `config (${path.join(repo, '.code-insightsrc.json')})` }]);
    expect(runCli(['plugins', 'uninstall', PACKAGE], { env }).status).toBe(0);
  });
});

describe('plugins link', () => {
  it('applies a linked local package, and stops after it is unlinked', () => {
    const dir = writePluginPackage(path.join(tmp.root, 'linked'), 'code-insights-plugin-linked');
    const link = runCli(['plugins', 'link', dir, '--no-install'], { env });
    expect(link.status).toBe(0);
    expect(runCli(['sync', '--regenerate-titles', '--json'], { env }).status).toBe(0);
    for (const title of titles()) expect(title?.startsWith(DEFAULT_PREFIX)).toBe(true);
    expect(runCliJson<PluginsJson>(['plugins', '--json'], { env }).pipeline).toContainEqual({
      name: 'prefix-titles',
      provides: null,
      origin: 'installed (code-insights-plugin-linked)',
    });

    expect(runCli(['plugins', 'uninstall', 'code-insights-plugin-linked'], { env }).status).toBe(0);
    expect(runCli(['sync', '--regenerate-titles', '--json'], { env }).status).toBe(0);
    for (const title of titles()) expect(title?.startsWith(DEFAULT_PREFIX)).toBe(false);
  });
});

describe('a broken installed plugin', () => {
  it('stops sync with a load error naming the package (exit 2), until it is removed', () => {
    const dir = writePluginPackage(path.join(tmp.root, 'broken'), 'code-insights-plugin-broken');
    writeFileSync(path.join(dir, 'hook.js'), "export default async function () { throw new Error('cannot start'); }\n");
    expect(runCli(['plugins', 'link', dir, '--no-install'], { env }).status).toBe(0);
    const sync = runCli(['sync'], { env });
    expect(sync.status).toBe(2);
    // oclif wraps error output in ` ›   ` continuation lines.
    expect(sync.stderr.replace(/\s*\n\s*›?\s*/g, ' ')).toContain('Installed plugin code-insights-plugin-broken failed to load: cannot start');
    expect(runCli(['plugins', 'uninstall', 'code-insights-plugin-broken'], { env }).status).toBe(0);
    expect(runCli(['sync'], { env }).status).toBe(0);
  });
});
