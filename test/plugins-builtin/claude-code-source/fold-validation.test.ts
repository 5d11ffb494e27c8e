/** A stored fold is checked field by field before it is trusted: ours round-trips, any single defect is refused by name. */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FOLD_VERSION, type FoldJson } from '../../../plugins-builtin/claude-code-source/fold-schema.js';
import { FoldMismatchError, foldFromState, stateFromFold, usageScopeFromFold } from '../../../plugins-builtin/claude-code-source/fold-state.js';
import { PLUGIN_NAME } from '../../../plugins-builtin/claude-code-source/index.js';
import type { SourceFile } from '../../../src/records/types.js';
import { REAL_FIXTURES } from '../../helpers/tmp-home.js';
import { makeHooks, makeRun, parseToEnd } from './harness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ccs-fold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (uuid: string, parentUuid: string | null, s: number) => ({
  uuid, parentUuid, timestamp: `2025-07-01T10:00:0${s}.000Z`, sessionId: 'sess-f', cwd: '/w', gitBranch: 'main', version: '2.0.5', isSidechain: false,
});
const usage = { input_tokens: 3, output_tokens: 5, cache_creation_input_tokens: 7, cache_read_input_tokens: 11 };
/** Ends inside an assistant response, so the fold holds an open group; every other column has an entry too. */
const LINES = [
  { type: 'summary', summary: 'Title', leafUuid: 'a-1' },
  { type: 'summary', summary: 'Foreign', leafUuid: 'elsewhere' },
  { type: 'user', ...env('u-1', null, 1), message: { role: 'user', content: 'Read x.ts please' } },
  { type: 'assistant', ...env('a-1', 'u-1', 2), requestId: 'req-A', message: { id: 'msg_A', model: 'claude-x', content: [{ type: 'text', text: 'Sure' }], usage } },
  { type: 'assistant', ...env('a-2', 'a-1', 3), message: { model: 'claude-x', content: [{ type: 'text', text: 'no message id: loose usage' }], usage } },
  { type: 'assistant', ...env('a-3', 'a-2', 4), requestId: 'req-B', message: { id: 'msg_B', model: 'claude-x', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/w/x.ts' } }], usage } },
];

let parsed: Promise<FoldJson> | undefined;
/** The fold of LINES, parsed once; callers that edit it clone it first. */
function parsedFold(): Promise<FoldJson> {
  return (parsed ??= parse());
}

async function parse(): Promise<FoldJson> {
  const p = path.join(dir, 'sess-f.jsonl');
  writeFileSync(p, LINES.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const file: SourceFile = { source: PLUGIN_NAME, path: p, root: dir, projectDir: 'p', kind: 'main', size: 1, mtimeMs: 0, ino: 0 };
  return (await parseToEnd(await makeHooks(), makeRun(), file)).fold as FoldJson;
}

/** The FoldMismatchError message of `read(fold)`. */
function refusal(read: (fold: unknown) => unknown, fold: unknown): string {
  try {
    read(fold);
  } catch (error) {
    expect(error).toBeInstanceOf(FoldMismatchError);
    return (error as Error).message;
  }
  throw new Error('fold was accepted');
}

describe('fold validation', () => {
  it('accepts a fold from a real parse and rebuilds the same state from it', async () => {
    const fold = await parsedFold();
    // Preconditions of the defect table below: every kind of field is populated.
    expect(fold.group?.toolCalls).toHaveLength(1);
    expect(fold.group?.usage).not.toBeNull();
    expect(fold.summary).not.toBeNull();
    expect(fold.pendingSummaries).toHaveLength(1);
    expect(fold.keptKeys).toHaveLength(2);
    expect(fold.looseByModel).toHaveLength(1);
    expect(fold.toolIds).toEqual(['toolu_1']);

    expect(foldFromState(stateFromFold(fold))).toEqual(fold);
    expect(usageScopeFromFold(fold)).toEqual(stateFromFold(fold).usage);
  });

  it('accepts every fold of the real fixtures, read in small increments', async () => {
    const hooks = await makeHooks();
    const projects = path.join(REAL_FIXTURES, 'projects');
    for (const rel of readdirSync(projects, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'))) {
      const p = path.join(projects, rel);
      const st = statSync(p);
      const file: SourceFile = { source: PLUGIN_NAME, path: p, root: projects, projectDir: 'p', kind: 'main', size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
      let offset = 0;
      let fold: unknown;
      for (;;) {
        const result = await hooks.parse.promise({ file, offset, fold, maxBytes: 20_000, related: [] }, makeRun());
        if (result === undefined) throw new Error(`not parsed: ${rel}`);
        fold = JSON.parse(JSON.stringify(result.fold));
        expect(foldFromState(stateFromFold(fold))).toEqual(fold);
        offset = result.endOffset;
        if (result.complete) break;
      }
    }
  });

  it('accepts unknown keys and drops them', async () => {
    const fold = await parsedFold();
    const group = fold.group!;
    const extended = { ...fold, future: 1, group: { ...group, future: 2, toolCalls: [{ ...group.toolCalls[0], future: 3 }] } };
    expect(foldFromState(stateFromFold(extended))).toEqual(fold);
  });

  it.each([['a string', 'fold'], ['null', null], ['an array', []], ['undefined', undefined]])('refuses %s for a fold', (_, bad) => {
    expect(refusal(stateFromFold, bad)).toContain(`(fold v${FOLD_VERSION}: fold: expected object, received `);
    expect(refusal(usageScopeFromFold, bad)).toContain(`(fold v${FOLD_VERSION}: fold: expected object, received `);
  });

  /** [defect, edit of a parsed fold (in place; `any` because it breaks the fold's types on purpose), path named, is it in the usage part]. */
  const DEFECTS: Array<[string, (f: any) => void, string, boolean]> = [
    ['an older version', (f) => void (f.version = FOLD_VERSION - 1), 'version', true],
    ['the version as a string', (f) => void (f.version = String(FOLD_VERSION)), 'version', true],
    ['a missing field', (f) => void delete f.records, 'records', false],
    ['a string for a number', (f) => void (f.records = '3'), 'records', false],
    ['a non-finite number', (f) => void (f.promptChars = Infinity), 'promptChars', false],
    ['a number for a nullable string', (f) => void (f.gitBranch = 5), 'gitBranch', false],
    ['null for an array', (f) => void (f.keptKeys = null), 'keptKeys', true],
    ['null in a string column', (f) => void f.toolIds.push(null), 'toolIds.1', false],
    ['a number in a token column', (f) => void (f.keptTokens[5] = '9'), 'keptTokens.5', true],
    ['a short token tuple', (f) => void f.looseTokens.pop(), 'looseTokens', true],
    ['a long token tuple', (f) => void f.looseByModel[0][1].push(0), 'looseByModel.0.1', true],
    ['a short pair', (f) => void f.cwds[0].pop(), 'cwds.0', false],
    ['a short summary', (f) => void f.summary.pop(), 'summary', false],
    ['null as a summary leaf', (f) => void (f.pendingSummaries[0][0] = null), 'pendingSummaries.0.0', false],
    ['flags of 4', (f) => void (f.keptFlags[1] = 4), 'keptFlags.1', true],
    ['flags of 1.5', (f) => void (f.keptFlags[0] = 1.5), 'keptFlags.0', true],
    ['negative flags', (f) => void (f.keptFlags[0] = -1), 'keptFlags.0', true],
    ['a token column too long', (f) => void f.keptTokens.push(0), 'fold', true],
    ['a model column too short', (f) => void f.keptModels.pop(), 'fold', true],
    ['tool columns of different lengths', (f) => void f.toolNames.push('Edit'), 'fold', false],
    ['a group that is a string', (f) => void (f.group = 'open'), 'group', false],
    ['a group with null for a boolean', (f) => void (f.group.isSidechain = null), 'group.isSidechain', false],
    ['a group with a short capped text', (f) => void f.group.text.pop(), 'group.text', false],
    ['a group with an object for a tool input', (f) => void (f.group.toolCalls[0].input = {}), 'group.toolCalls.0.input', false],
    ['a group with short usage', (f) => void f.group.usage.pop(), 'group.usage', false],
  ];

  it.each(DEFECTS)('refuses %s, naming the field', async (_, edit, field, inUsage) => {
    const fold = structuredClone(await parsedFold());
    edit(fold);
    expect(refusal(stateFromFold, fold)).toContain(`(fold v${FOLD_VERSION}: ${field}: `);
    // The usage part is all usageScopeFromFold reads, so it alone is checked there.
    if (inUsage) expect(refusal(usageScopeFromFold, fold)).toContain(`(fold v${FOLD_VERSION}: ${field}: `);
    else expect(() => usageScopeFromFold(fold)).not.toThrow();
  });

  it('says what is wrong, and names the first bad field when there are several', async () => {
    const fold = structuredClone(await parsedFold()) as any;
    fold.keptTokens.push(0);
    expect(refusal(stateFromFold, fold)).toContain('fold: kept usage columns differ in length');
    fold.group.order = 'first';
    fold.records = null;
    expect(refusal(stateFromFold, fold)).toContain('records: expected number, received null');
  });
});
