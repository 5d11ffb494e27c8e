/** Collecting installed packages' pipeline plugins from the oclif `sync:plugins` hook (oclif's Config faked). */
import type { Config } from '@oclif/core';
import { describe, expect, it } from 'vitest';
import { PluginLoadError } from '../../src/errors.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { collectInstalledPlugins } from '../../src/plugins/installed-plugins.js';

type Fake = Pick<Config, 'getPluginsList' | 'runHook'>;

const plugin = (name: string) => definePlugin({ name, apply() {} });

/** A config whose packages answer the hook with `results` (or fail with `failures`). */
function fakeConfig(packages: Array<{ name: string; hook: boolean }>, outcome: { successes?: Array<[string, unknown]>; failures?: Array<[string, Error]> }) {
  const calls: unknown[] = [];
  const config = {
    getPluginsList: () => packages.map((p) => ({ name: p.name, hooks: p.hook ? { 'sync:plugins': [{ target: './hook.js', identifier: 'default' }] } : {} })),
    runHook: async (event: string, options: unknown, timeout?: number, captureErrors?: boolean) => {
      calls.push({ event, options, captureErrors });
      return {
        successes: (outcome.successes ?? []).map(([name, result]) => ({ plugin: { name }, result })),
        failures: (outcome.failures ?? []).map(([name, error]) => ({ plugin: { name }, error })),
      };
    },
  } as unknown as Fake;
  return { config, calls };
}

describe('collectInstalledPlugins', () => {
  it('does not run the hook (nor load any package code) when no package declares it', async () => {
    const { config, calls } = fakeConfig([{ name: 'other', hook: false }], {});
    expect(await collectInstalledPlugins(config, { cwd: '/x', home: '/h' })).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('accepts a plugin, a list, or a factory per package, and labels each with its package', async () => {
    const a = plugin('a');
    const b = plugin('b');
    const c = plugin('c');
    const { config, calls } = fakeConfig(
      [
        { name: 'pkg-one', hook: true },
        { name: 'pkg-two', hook: true },
        { name: 'pkg-three', hook: true },
      ],
      { successes: [['pkg-one', a], ['pkg-two', [b]], ['pkg-three', () => c]] },
    );
    const installed = await collectInstalledPlugins(config, { cwd: '/x', home: '/h' });
    expect(installed).toEqual([
      { plugin: a, package: 'pkg-one' },
      { plugin: b, package: 'pkg-two' },
      { plugin: c, package: 'pkg-three' },
    ]);
    expect(calls).toEqual([{ event: 'sync:plugins', options: { cwd: '/x', home: '/h' }, captureErrors: true }]);
  });

  it('names the package whose hook failed, and how to remove it', async () => {
    const { config } = fakeConfig([{ name: 'broken-pkg', hook: true }], { failures: [['broken-pkg', new Error('SyntaxError: nope')]] });
    const error = await collectInstalledPlugins(config, { cwd: '/x', home: '/h' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect((error as PluginLoadError).message).toBe('Installed plugin broken-pkg failed to load: SyntaxError: nope');
    expect((error as PluginLoadError).suggestions).toEqual(['Update or remove it: code-insights plugins uninstall broken-pkg']);
  });

  it('rejects a hook result that is not a plugin, naming the package', async () => {
    const { config } = fakeConfig([{ name: 'odd-pkg', hook: true }], { successes: [['odd-pkg', { name: 'no-apply' }]] });
    const error = await collectInstalledPlugins(config, { cwd: '/x', home: '/h' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect((error as PluginLoadError).message).toContain('installed plugin odd-pkg does not export a plugin');
  });
});
