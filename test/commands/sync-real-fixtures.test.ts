/**
 * The eight real transcripts (shared/fixtures/claude-real, MIT) synced through the built CLI.
 * Expected numbers were counted from the files with a separate script applying CORPUS.md's definitions
 * (human prompts, distinct message ids and tool_use ids, is_error results, usage de-duplicated per message.id:requestId).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTmpHome } from '../helpers/tmp-home.js';
import { runCli, runCliJson } from '../helpers/run-cli.js';
import type { SessionJson } from '../../src/cli/session-view.js';


const u = (inputTokens: number, outputTokens: number, cacheCreationTokens: number, cacheReadTokens: number) => ({
  inputTokens,
  outputTokens,
  cacheCreationTokens,
  cacheReadTokens,
});

const EXPECTED: Record<string, Partial<SessionJson>> = {
  '7acd37a8-2745-4b58-a8a9-46164b22ad9e': {
    kind: 'main',
    humanPromptCount: 5,
    assistantMessageCount: 36,
    toolCallCount: 71,
    toolErrorCount: 6,
    usage: u(1804, 20797, 182937, 1502915),
    models: ['claude-sonnet-4-5-20250929'],
    startedAt: '2025-11-17T23:50:06.046Z',
    endedAt: '2025-11-18T00:18:57.199Z',
    projectPath: '/Users/dain/workspace/JSSoundRecorder',
  },
  '0d3a8e6f-290f-4105-a327-a2496e5e2a83': { humanPromptCount: 4, assistantMessageCount: 15, toolCallCount: 14, toolErrorCount: 3, usage: u(138, 5057, 85100, 348985) },
  'fe869ecb-c176-478f-9734-7e4b8ef12cff': { humanPromptCount: 2, assistantMessageCount: 34, toolCallCount: 32, toolErrorCount: 6, usage: u(279, 2201, 83966, 1164952) },
  '03eb5929-52b3-4b13-ada3-b93ae35806b8': { humanPromptCount: 7, assistantMessageCount: 9, toolCallCount: 2, toolErrorCount: 0, usage: u(23, 88, 9036, 239606) },
  short: { kind: 'main', humanPromptCount: 1, assistantMessageCount: 1, toolCallCount: 2, toolErrorCount: 2, usage: u(3, 13, 13835, 11515) },
  '29ccd257-68b1-427f-ae5f-6524b7cb6f20': {
    humanPromptCount: 1,
    assistantMessageCount: 2,
    toolCallCount: 1,
    usage: u(2, 2, 7996, 36009),
    // No message id is shared with its subagent, so the roll-up is the plain sum.
    usageWithSubagents: u(2 + 4466, 2 + 18, 7996 + 42768, 36009 + 236968),
  },
  '29ccd257-68b1-427f-ae5f-6524b7cb6f20:agent-a2271d1': {
    kind: 'subagent',
    parentSessionId: '29ccd257-68b1-427f-ae5f-6524b7cb6f20',
    agentId: 'a2271d1',
    humanPromptCount: 1,
    assistantMessageCount: 10,
    toolCallCount: 24,
    usage: u(4466, 18, 42768, 236968),
  },
  // Legacy sibling layout: the parent comes from the file's own sessionId field (the parent file is absent).
  '741790a4-4fe2-4644-9a51-fb4482074060:agent-668b5ac2': {
    kind: 'subagent',
    parentSessionId: '741790a4-4fe2-4644-9a51-fb4482074060',
    agentId: '668b5ac2',
    humanPromptCount: 1,
    assistantMessageCount: 5,
    toolCallCount: 7,
    usage: u(68, 2143, 39024, 101298),
  },
};

describe('sync of the real fixture transcripts', () => {
  it('stores every session with the counts and usage counted from the files', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    mkdirSync(tmp.home, { recursive: true });
    const first = runCliJson<{ transcripts: Record<string, number>; errors: unknown[]; sessionsWritten: number }>(['sync', '--json'], { env: tmp.env });
    expect(first.errors).toEqual([]);
    expect(first.transcripts).toMatchObject({ discovered: 8, new: 8, failed: 0 });

    const all = runCliJson<SessionJson[]>(['sessions', '--all', '--json'], { env: tmp.env });
    const byId = new Map(all.map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [id, expected] of Object.entries(EXPECTED)) expect(byId.get(id), id).toMatchObject(expected);
    for (const s of all) {
      expect(s.title, s.id).toBeTruthy();
      expect(s.device.id).toMatch(/^[0-9a-f-]{36}$/);
    }

    // Subagents are child sessions: not listed among top-level sessions.
    const top = runCliJson<SessionJson[]>(['sessions', '--json'], { env: tmp.env });
    expect(top.map((s) => s.id).sort()).toEqual(all.filter((s) => s.kind === 'main').map((s) => s.id).sort());
    expect(top).toHaveLength(6);
  });

  it('does nothing the second time, and says so', () => {
    using tmp = makeTmpHome({ copyRealFixtures: true });
    mkdirSync(tmp.home, { recursive: true });
    expect(runCli(['sync', '-q'], { env: tmp.env })).toMatchObject({ status: 0, stdout: '' });
    const again = runCli(['sync'], { env: tmp.env });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Nothing to sync: 8 transcripts unchanged/);
    const json = runCliJson<{ transcripts: Record<string, number>; sessionsWritten: number }>(['sync', '--json'], { env: tmp.env });
    expect(json.transcripts).toMatchObject({ discovered: 8, unchanged: 8, new: 0 });
    expect(json.sessionsWritten).toBe(0);
  });
});
