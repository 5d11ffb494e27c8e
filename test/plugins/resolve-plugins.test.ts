/** The loader's list: built-ins, installed and config-listed plugins; replacement by role, `disable`, applied-once. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { buildPipeline, describeOrigin, resolvePlugins } from '../../src/plugins/load-plugins.js';
import { z } from 'zod';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ci-resolve-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rc = () => path.join(dir, '.code-insightsrc.json');
const loaded = (config: LoadedConfig['config'], plugins: LoadedConfig['plugins'] = []): LoadedConfig => ({ config, files: [rc()], plugins });
const names = (list: Awaited<ReturnType<typeof resolvePlugins>>) => list.map((e) => e.plugin.name);

describe('resolvePlugins', () => {
  it('lists the built-ins, the per-repo config plugin among them', async () => {
    expect(names(await resolvePlugins(loaded({})))).toEqual([
      'claude-code-source',
      'project-identity',
      'secret-redaction',
      'repo-config',
      'usage-cost',
      'heuristic-titler',
      'heuristic-classifier',
      'sqlite-sink',
    ]);
  });

  it('an installed plugin providing a built-in role replaces it; disable removes installed and built-in plugins by name', async () => {
    const titler = definePlugin({ name: 'my-titler', provides: 'titler', apply() {} });
    const extra = definePlugin({ name: 'extra', apply() {} });
    const list = await resolvePlugins(loaded({ disable: ['extra', 'usage-cost'] }), [
      { plugin: titler, package: 'pkg-titler' },
      { plugin: extra, package: 'pkg-extra' },
    ]);
    expect(names(list)).not.toContain('heuristic-titler');
    expect(names(list)).not.toContain('usage-cost');
    expect(names(list)).not.toContain('extra');
    expect(list.filter((e) => e.plugin.name === 'my-titler').map((e) => describeOrigin(e.origin))).toEqual(['installed (pkg-titler)']);
  });

  it('a package both installed and listed in config is applied once, as the config entry with its options', async () => {
    const installed = definePlugin({ name: 'prefixer', apply() {} });
    const list = await resolvePlugins(loaded({ options: { prefixer: { a: 1, b: 1 } } }, [{ ref: ['pkg-prefix', { b: 2 }], baseDir: dir, file: rc(), index: 0 }]), [
      { plugin: installed, package: 'pkg-prefix' },
    ]);
    const entries = list.filter((e) => e.plugin.name === 'prefixer');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.plugin).toBe(installed);
    expect(entries[0]?.origin).toEqual({ kind: 'config', file: rc(), specifier: 'pkg-prefix' });
    expect(entries[0]?.options).toEqual({ a: 1, b: 2 });
  });

  it("validates a listed plugin's tuple options with its schema, naming the list entry and the file", async () => {
    writeFileSync(
      path.join(dir, 'counted.mjs'),
      `export default { name: 'counted', optionsSchema: { safeParse: (v) => (typeof v.n === 'number' ? { success: true, data: v } : { success: false, error: { issues: [{ path: ['n'], message: 'Expected a number', code: 'custom' }] } }) }, apply() {} };\n`,
    );
    const list = await resolvePlugins(loaded({}, [{ ref: ['./counted.mjs', { n: 'x' }], baseDir: dir, file: rc(), index: 3 }]));
    const error = await buildPipeline(list, { logger: { debug() {}, info() {}, warn() {}, error() {} }, stateDir: dir, signal: new AbortController().signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`Invalid configuration:\n  plugins[3][1].n: Expected a number (in ${rc()})`);
  });

  it('a listed module may export a factory; it receives the tuple options', async () => {
    writeFileSync(path.join(dir, 'factory.mjs'), `export default (options) => ({ name: 'made-' + options.suffix, apply() {} });\n`);
    const list = await resolvePlugins(loaded({}, [{ ref: ['./factory.mjs', { suffix: 'here' }], baseDir: dir, file: rc(), index: 0 }]));
    expect(names(list)).toContain('made-here');
  });

  it('unknown sinks are a config error unless a plugin provides them', async () => {
    await expect(resolvePlugins(loaded({ sink: ['sqlite', 'ndjson'] }))).rejects.toThrow('Unknown sink "ndjson"');
    const ndjson = definePlugin({ name: 'ndjson-sink', provides: 'sink:ndjson', optionsSchema: z.object({}), apply() {} });
    expect(names(await resolvePlugins(loaded({ sink: ['sqlite', 'ndjson'] }), [{ plugin: ndjson, package: 'pkg' }]))).toContain('ndjson-sink');
  });
});
