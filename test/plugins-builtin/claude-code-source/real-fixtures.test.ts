/**
 * The real transcripts in shared/fixtures/claude-real (read in place, never copied). Expected values
 * were derived with jq from the files themselves: the human-prompt rule and DEDUP written as jq
 * programs, the legacy agent's first `sessionId` field, and `comm` of summary leafUuids vs uuids.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncHooks } from '../../../src/pipeline/sync-hooks.js';
import type { SourceFile } from '../../../src/records/types.js';
import { REAL_FIXTURES } from '../../helpers/tmp-home.js';
import { childrenFirst, makeHooks, makeRun, parseToEnd, type Parsed } from './harness.js';

const run = makeRun();
const CLAUDE_P = '29ccd257-68b1-427f-ae5f-6524b7cb6f20';
const LEGACY_PARENT = '741790a4-4fe2-4644-9a51-fb4482074060';

/** rel path → [kind, owning session id, human prompts, records]. */
const EXPECTED: Record<string, [string, string, number, number]> = {
  'projects/-Users-dain-workspace-JSSoundRecorder/7acd37a8-2745-4b58-a8a9-46164b22ad9e.jsonl': ['main', '7acd37a8-2745-4b58-a8a9-46164b22ad9e', 5, 211],
  'projects/-Users-dain-workspace-claude-code-log-sample/0d3a8e6f-290f-4105-a327-a2496e5e2a83.jsonl': ['main', '0d3a8e6f-290f-4105-a327-a2496e5e2a83', 4, 68],
  'projects/-Users-dain-workspace-claude-code-log-sample/fe869ecb-c176-478f-9734-7e4b8ef12cff.jsonl': ['main', 'fe869ecb-c176-478f-9734-7e4b8ef12cff', 2, 111],
  'projects/-Users-dain-workspace-coderabbit-review-helper/agent-668b5ac2.jsonl': ['subagent', LEGACY_PARENT, 1, 20],
  'projects/-experiments-ideas/03eb5929-52b3-4b13-ada3-b93ae35806b8.jsonl': ['main', '03eb5929-52b3-4b13-ada3-b93ae35806b8', 7, 61],
  'projects/-home-USER-spotter/short.jsonl': ['main', 'short', 1, 15],
  [`projects/-src-experiments-claude_p/${CLAUDE_P}.jsonl`]: ['main', CLAUDE_P, 1, 6],
  [`projects/-src-experiments-claude_p/${CLAUDE_P}/subagents/agent-a2271d1.jsonl`]: ['subagent', CLAUDE_P, 1, 59],
};

describe('real Claude Code transcripts', () => {
  let hooks: SyncHooks;
  let files: SourceFile[];
  const parsed = new Map<string, Parsed>();
  const rel = (f: SourceFile) => path.relative(REAL_FIXTURES, f.path);
  const byRel = (r: string) => parsed.get(path.join(REAL_FIXTURES, r))!;

  beforeAll(async () => {
    hooks = await makeHooks({ roots: [REAL_FIXTURES] });
    files = await hooks.discover.promise([], run);
    const children: Array<{ file: SourceFile; fold: unknown }> = [];
    for (const file of childrenFirst(files)) {
      const related = file.kind === 'main' && path.basename(file.path) === `${CLAUDE_P}.jsonl` ? children : [];
      const result = await parseToEnd(hooks, run, file, { related });
      parsed.set(file.path, result);
      if (file.kind !== 'main' && result.last.batch.file.sessionId === CLAUDE_P) children.push({ file, fold: result.fold });
    }
  });

  it('finds every transcript with its kind and owning session, and counts human prompts and records', () => {
    const got = Object.fromEntries(files.map((f) => {
      const p = parsed.get(f.path)!;
      return [rel(f), [f.kind, p.last.batch.file.sessionId, p.last.batch.session.humanPromptCount, p.records]];
    }));
    expect(got).toEqual(EXPECTED);
    for (const p of parsed.values()) expect(p.last.batch.session.malformedLineCount).toBe(0);
  });

  it('links subagents to their parent session', () => {
    const current = byRel(`projects/-src-experiments-claude_p/${CLAUDE_P}/subagents/agent-a2271d1.jsonl`).last.batch.session;
    expect(current).toMatchObject({ id: `${CLAUDE_P}:agent-a2271d1`, kind: 'subagent', parentSessionId: CLAUDE_P, agentId: 'a2271d1', agentType: null });
    const legacy = byRel('projects/-Users-dain-workspace-coderabbit-review-helper/agent-668b5ac2.jsonl').last.batch.session;
    expect(legacy).toMatchObject({ id: `${LEGACY_PARENT}:agent-668b5ac2`, kind: 'subagent', parentSessionId: LEGACY_PARENT, agentId: '668b5ac2' });
    expect(byRel('projects/-home-USER-spotter/short.jsonl').last.batch.session).toMatchObject({ id: 'short', kind: 'main', parentSessionId: null });
  });

  it('de-duplicates usage per API message, and rolls subagent usage up into the main session', () => {
    const usage = (i: number, o: number, cc: number, cr: number) => ({ inputTokens: i, outputTokens: o, cacheCreationTokens: cc, cacheReadTokens: cr });
    expect(byRel('projects/-home-USER-spotter/short.jsonl').last.batch.session.usage).toEqual(usage(3, 13, 13835, 11515));
    // 2,201 output tokens de-duplicated; summing every line would give 2,335.
    expect(byRel('projects/-Users-dain-workspace-claude-code-log-sample/fe869ecb-c176-478f-9734-7e4b8ef12cff.jsonl').last.batch.session.usage).toEqual(usage(279, 2201, 83966, 1164952));
    const main = byRel(`projects/-src-experiments-claude_p/${CLAUDE_P}.jsonl`).last.batch.session;
    expect(main.usage).toEqual(usage(2, 2, 7996, 36009));
    expect(main.usageWithSubagents).toEqual(usage(4468, 20, 50764, 272977));
  });

  it('never takes a summary that points into another session as this one\'s', () => {
    // fe869ecb has 15 summary records; none of their leafUuids is a uuid in the file.
    expect(byRel('projects/-Users-dain-workspace-claude-code-log-sample/fe869ecb-c176-478f-9734-7e4b8ef12cff.jsonl').last.batch.session.digest.summary).toBeNull();
  });

  it('gives the same result in 2 KiB increments as in one pass', async () => {
    for (const file of files) {
      const related = file.kind === 'main' && path.basename(file.path) === `${CLAUDE_P}.jsonl`
        ? files.filter((f) => f.kind !== 'main' && f.path.includes(CLAUDE_P)).map((f) => ({ file: f, fold: parsed.get(f.path)!.fold }))
        : [];
      const chunked = await parseToEnd(hooks, run, file, { maxBytes: 2048, related });
      const once = parsed.get(file.path)!;
      expect(chunked.last.batch.session).toEqual(once.last.batch.session);
      expect(chunked.messages).toEqual(once.messages);
    }
  });
});
