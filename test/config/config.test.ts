import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLoaders } from 'cosmiconfig';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { configSchema } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';
import { resolvePlugins } from '../../src/plugins/load-plugins.js';
import { resolveOptionsSchema } from '../../src/plugins/define-plugin.js';
import { makeTmpHome, REPO_ROOT } from '../helpers/tmp-home.js';
import { runCli } from '../helpers/run-cli.js';

describe('config', () => {
  it('.code-insightsrc.example is valid, including every plugin option it shows', async () => {
    const file = path.join(REPO_ROOT, '.code-insightsrc.example');
    const raw = await defaultLoaders['.yaml'](file, readFileSync(file, 'utf8'));
    const parsed = configSchema.parse(raw);
    const loaded = { config: { ...parsed, sink: ['sqlite', 'firestore'] }, files: [file], plugins: [] };
    const plugins = await resolvePlugins(loaded);
    for (const [name, options] of Object.entries(parsed.options ?? {})) {
      const plugin = plugins.find((p) => p.plugin.name === name)?.plugin;
      expect(plugin, name).toBeDefined();
      if (!plugin) continue;
      expect((await resolveOptionsSchema(plugin))?.safeParse(options).success ?? true, name).toBe(true);
    }
  });

  it('merges the repository config over the user config, found from a subdirectory up to the git root', async () => {
    using tmp = makeTmpHome();
    const repo = path.join(tmp.root, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(path.join(repo, 'src/deep'), { recursive: true });
    mkdirSync(tmp.ciHome, { recursive: true });
    writeFileSync(path.join(tmp.ciHome, 'config.json'), JSON.stringify({ limits: { thinking: 10 }, disable: ['a'] }));
    writeFileSync(path.join(repo, '.code-insightsrc.json'), JSON.stringify({ limits: { messageText: 99 }, disable: ['b'], project: { name: 'Repo' } }));
    const loaded = await loadConfig({ cwd: path.join(repo, 'src/deep'), home: tmp.ciHome });
    expect(loaded.files).toEqual([path.join(tmp.ciHome, 'config.json'), path.join(repo, '.code-insightsrc.json')]);
    expect(loaded.config.limits).toEqual({ thinking: 10, messageText: 99 });
    expect(loaded.config.disable).toEqual(['a', 'b']);
    expect(loaded.config.project).toEqual({ name: 'Repo' });
  });

  it('names the file and the key of a bad value, and the CLI exits 2', async () => {
    using tmp = makeTmpHome();
    mkdirSync(tmp.home, { recursive: true });
    const rc = path.join(tmp.home, '.code-insightsrc.json');
    writeFileSync(rc, JSON.stringify({ limits: { messageText: 'lots' }, sinks: 'x' }));
    const error = await loadConfig({ cwd: tmp.home, home: tmp.ciHome }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('limits.messageText');
    expect((error as Error).message).toContain(rc);
    expect((error as Error).message).toMatch(/sinks/);
    const cli = runCli(['sync', '--dry-run'], { env: tmp.env, cwd: tmp.home });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('limits.messageText');
  });

  it('rejects an unknown sink with a fix', async () => {
    const loaded = { config: { sink: ['sqlite', 'mongo'] }, files: [], plugins: [] };
    await expect(resolvePlugins(loaded)).rejects.toThrow(/Unknown sink "mongo"/);
  });
});
