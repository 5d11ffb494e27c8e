/** Finding a session's repository config: trust by where the command started, skipped JS/TS configs, caching. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjectConfigLookup, DATA_SEARCH_PLACES, skippedCodeConfigs } from '../../src/config/project-config.js';
import type { Logger } from '../../src/plugins/types.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ci-project-config-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const recorder = () => {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  return { logger, warnings };
};

describe('DATA_SEARCH_PLACES', () => {
  it('holds no file that would be executed', () => {
    expect(DATA_SEARCH_PLACES.filter((p) => /\.(c|m)?(j|t)s$/.test(p))).toEqual([]);
    expect(DATA_SEARCH_PLACES).toContain('package.json');
    expect(DATA_SEARCH_PLACES).toContain('.code-insightsrc.yml');
  });
});

describe('skippedCodeConfigs', () => {
  it('lists JS/TS configs a trusted search reaches before the data config, nearest first', () => {
    const near = write('repo/pkg/code-insights.config.ts', '');
    const dataFile = write('repo/.code-insightsrc.json', '{}');
    write('repo/code-insights.config.mjs', ''); // same directory as the data file, but searched after it
    expect(skippedCodeConfigs(path.join(root, 'repo/pkg'), path.join(root, 'repo'), dataFile)).toEqual([near]);
  });

  it('lists a code config in the same directory searched before the data one', () => {
    const rcJs = write('repo/.code-insightsrc.js', '');
    const dataFile = write('repo/.config/code-insightsrc.json', '{}');
    expect(skippedCodeConfigs(path.join(root, 'repo'), path.join(root, 'repo'), dataFile)).toEqual([rcJs]);
  });

  it('lists every code config up to the root when no data config was found', () => {
    const a = write('repo/a/.code-insightsrc.cjs', '');
    const b = write('repo/code-insights.config.mts', '');
    expect(skippedCodeConfigs(path.join(root, 'repo/a'), path.join(root, 'repo'), null)).toEqual([a, b]);
  });
});

describe('createProjectConfigLookup', () => {
  it('returns the project part of a data config, cached per directory, and warns once per skipped file', async () => {
    mkdirSync(path.join(root, 'repo/.git'), { recursive: true });
    write('repo/.code-insightsrc.yaml', 'project:\n  name: Shown\nlimits:\n  toolResult: 100\n');
    const skipped = write('repo/app/code-insights.config.js', 'export default { project: { exclude: true } };\n');
    const { logger, warnings } = recorder();
    const lookup = createProjectConfigLookup({ runCwd: path.join(root, 'elsewhere'), logger });
    const first = await lookup(path.join(root, 'repo/app'));
    expect(first).toEqual({ file: path.join(root, 'repo/.code-insightsrc.yaml'), root: path.join(root, 'repo'), project: { name: 'Shown' }, redactionRules: [], limits: { toolResult: 100 } });
    expect(await lookup(path.join(root, 'repo/app'))).toBe(first);
    await lookup(path.join(root, 'repo/app/'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${skipped} not run`);
  });

  it('ignores directories that do not exist (sessions from other machines) and configs outside the repository', async () => {
    mkdirSync(path.join(root, 'repo/.git'), { recursive: true });
    write('.code-insightsrc.json', JSON.stringify({ project: { exclude: true } })); // above the git root: not this repository's
    const { logger, warnings } = recorder();
    const lookup = createProjectConfigLookup({ runCwd: root, logger });
    expect(await lookup(path.join(root, 'repo'))).toBeNull();
    expect(await lookup(path.join(root, 'gone/away'))).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('reports a redaction pattern that does not compile with its key and file', async () => {
    mkdirSync(path.join(root, 'repo/.git'), { recursive: true });
    const file = write('repo/.code-insightsrc.json', JSON.stringify({ redaction: { rules: [{ name: 'x', pattern: '(' }] } }));
    const lookup = createProjectConfigLookup({ runCwd: root, logger: recorder().logger });
    await expect(lookup(path.join(root, 'repo'))).rejects.toThrow(`redaction.rules[0].pattern`);
    await expect(lookup(path.join(root, 'repo'))).rejects.toThrow(`(in ${file})`);
  });
});
