import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlugins } from '../../src/doctor/plugin-checks.js';
import { loadConfig } from '../../src/config/load-config.js';
import { PluginLoadError } from '../../src/errors.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

const MODULES: Record<string, string> = {
  'good.mjs': "export default { name: 'good-one', apply() {} };",
  'throws-on-import.mjs': "throw new Error('boom at import');",
  'throws-in-apply.mjs': "export default { name: 'apply-breaker', apply() { throw new Error('apply boom'); } };",
};

async function configWith(tmp: TmpHome, config: object) {
  mkdirSync(tmp.ciHome, { recursive: true });
  for (const [name, text] of Object.entries(MODULES)) writeFileSync(path.join(tmp.ciHome, name), text);
  writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify(config));
  return loadConfig({ cwd: tmp.home, home: tmp.ciHome });
}

const none = async () => [];

describe('plugin checks', () => {
  it('built-ins and a config-listed plugin load: ok, listing them', async () => {
    using tmp = makeTmpHome();
    const checks = await checkPlugins(await configWith(tmp, { plugins: ['./good.mjs'] }), { home: tmp.ciHome, collectInstalled: none });
    expect(checks).toEqual([expect.objectContaining({ id: 'plugins.load', status: 'ok' })]);
    expect(checks[0]?.message).toMatch(/claude-code-source, .*sqlite-sink, good-one \(config\)$/);
  });

  it('every config-listed plugin that fails to load is named, not just the first', async () => {
    using tmp = makeTmpHome();
    const loaded = await configWith(tmp, { plugins: ['./throws-on-import.mjs', './good.mjs', './not-there.mjs'] });
    const checks = await checkPlugins(loaded, { home: tmp.ciHome, collectInstalled: none });
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['plugins.listed-1', 'fail'],
      ['plugins.listed-3', 'fail'],
    ]);
    expect(checks[0]?.message).toMatch(/throws-on-import\.mjs.*boom at import/);
    expect(checks[1]?.message).toContain('not-there.mjs');
  });

  it('a plugin whose apply throws fails, naming it', async () => {
    using tmp = makeTmpHome();
    const checks = await checkPlugins(await configWith(tmp, { plugins: ['./throws-in-apply.mjs'] }), { home: tmp.ciHome, collectInstalled: none });
    expect(checks).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('[apply-breaker] apply failed: apply boom') })]);
  });

  it('an installed package that fails to load is a failure; the other plugins are still checked', async () => {
    using tmp = makeTmpHome();
    const broken = async () => {
      throw new PluginLoadError('Installed plugin ci-plugin-x failed to load: nope', { suggestions: ['Update or remove it: code-insights plugins uninstall ci-plugin-x'] });
    };
    const checks = await checkPlugins(await configWith(tmp, {}), { home: tmp.ciHome, collectInstalled: broken });
    expect(checks).toEqual([
      expect.objectContaining({ id: 'plugins.installed', status: 'fail', message: expect.stringContaining('ci-plugin-x'), fix: expect.stringContaining('uninstall ci-plugin-x') }),
      expect.objectContaining({ id: 'plugins.load', status: 'ok' }),
    ]);
  });

  it('a sink no plugin provides fails with the loader message', async () => {
    using tmp = makeTmpHome();
    const checks = await checkPlugins(await configWith(tmp, { sink: 'bogus' }), { home: tmp.ciHome, collectInstalled: none });
    expect(checks).toEqual([expect.objectContaining({ id: 'plugins.load', status: 'fail', message: expect.stringContaining('Unknown sink "bogus"') })]);
  });
});
