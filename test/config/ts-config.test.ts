/** TypeScript config files load natively (type stripping, Node ≥ 22.18): no temp files next to the user's config. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

let root: string;
let home: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ci-ts-config-'));
  home = path.join(root, 'ci-home');
  mkdirSync(home);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A repository (has .git) with the given files. */
function repo(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

const TYPED = `import { label } from './label.ts';
interface Limits { messageText: number }
const limits: Limits = { messageText: 1234 };
export default { limits, project: { name: label } };
`;

describe('TypeScript config files', () => {
  it('loads code-insights.config.ts (with a .ts import) and writes nothing next to it', async () => {
    const dir = repo('ts', { 'package.json': '{"type":"module"}', 'code-insights.config.ts': TYPED, 'label.ts': "export const label: string = 'From TS';\n" });
    const before = readdirSync(dir).sort();
    const loaded = await loadConfig({ cwd: dir, home });
    expect(loaded.files).toEqual([path.join(dir, 'code-insights.config.ts')]);
    expect(loaded.config.limits).toEqual({ messageText: 1234 });
    expect(loaded.config.project).toEqual({ name: 'From TS' });
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('loads code-insights.config.mts in a repository without package.json, from a subdirectory', async () => {
    const dir = repo('mts', { 'code-insights.config.mts': TYPED.replace("'./label.ts'", "'./label.mts'"), 'label.mts': "export const label: string = 'From MTS';\n" });
    mkdirSync(path.join(dir, 'src', 'deep'), { recursive: true });
    const before = readdirSync(dir).sort();
    const loaded = await loadConfig({ cwd: path.join(dir, 'src', 'deep'), home });
    expect(loaded.files).toEqual([path.join(dir, 'code-insights.config.mts')]);
    expect(loaded.config.project).toEqual({ name: 'From MTS' });
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('reports a wrong value in a TS config with the key and the file', async () => {
    const dir = repo('bad', { 'package.json': '{"type":"module"}', '.code-insightsrc.ts': "export default { limits: { messageText: 'big' as unknown as number } };\n" });
    const error = await loadConfig({ cwd: dir, home }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`limits.messageText: Invalid input: expected number, received string (in ${path.join(dir, '.code-insightsrc.ts')})`);
  });
});
