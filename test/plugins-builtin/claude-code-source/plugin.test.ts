/** The plugin object: identity, options validation, and how skipped lines are reported. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claudeCodeSource, PLUGIN_NAME } from '../../../plugins-builtin/claude-code-source/index.js';
import { resolveOptionsSchema } from '../../../src/plugins/define-plugin.js';
import type { Logger } from '../../../src/plugins/types.js';
import { makeHooks, makeRun } from './harness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ccs-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claudeCodeSource', () => {
  it('is the claude-code source, named like its folder', () => {
    const plugin = claudeCodeSource();
    expect({ name: plugin.name, provides: plugin.provides }).toEqual({ name: 'claude-code-source', provides: 'source:claude-code' });
    expect(PLUGIN_NAME).toBe(path.basename(path.resolve('plugins-builtin/claude-code-source')));
  });

  it('validates its options: roots is a list of non-empty strings, unknown keys are refused', async () => {
    const schema = (await resolveOptionsSchema(claudeCodeSource()))!;
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ roots: ['~/.claude', '/x/projects'] }).success).toBe(true);
    expect(schema.safeParse({ roots: '~/.claude' }).success).toBe(false);
    expect(schema.safeParse({ roots: [''] }).success).toBe(false);
    expect(schema.safeParse({ root: ['x'] }).success).toBe(false);
    expect(() => claudeCodeSource({ roots: [42] } as never)).toThrow();
  });

  it('reports each skipped line by path and byte offset at debug level, never with its content', async () => {
    const p = path.join(dir, 's.jsonl');
    writeFileSync(p, '{"type":"user","message":{"content":"hi"}}\n{"secret":"sk-live-123",\n[1]\n');
    const debug: string[] = [];
    const logger: Logger = { debug: (m) => debug.push(m), info() {}, warn() {}, error() {} };
    const hooks = await makeHooks();
    const file = { source: PLUGIN_NAME, path: p, root: dir, projectDir: 'p', kind: 'main' as const, size: 1, mtimeMs: 0, ino: 0 };
    const result = await hooks.parse.promise({ file, offset: 0, fold: undefined, maxBytes: 1e9, related: [] }, { ...makeRun(), logger });
    expect(result!.stats).toEqual({ records: 1, malformedLines: 2, unknownRecords: 0 });
    expect(debug).toEqual([`${p}: skipped a line (invalidJson) at byte 43`, `${p}: skipped a line (nonObject) at byte 68`]);
    expect(debug.join('\n')).not.toContain('sk-live');
  });
});
