import { describe, expect, it } from 'vitest';
import type { StoreStats } from '../../plugins-builtin/sqlite-sink/index.js';
import { statsLines } from '../../src/cli/stats-view.js';

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, cacheCreationTokens: 1_000_000, cacheReadTokens: 12_345_678 });

const stats: StoreStats = {
  sessions: 1204,
  childSessions: 1,
  messages: 56_789,
  humanPrompts: 3000,
  toolCalls: 200,
  toolErrors: 50,
  usage: usage(1234, 5678),
  costUsd: 1543.5,
  unpricedSessions: 2,
  firstStartedAt: '2025-06-02T09:00:00.000Z',
  lastStartedAt: '2025-12-19T07:53:06.222Z',
  byProject: Array.from({ length: 11 }, (_, i) => ({ projectId: `p${i}`, projectName: i === 0 ? 'a-very-long-project-name-that-goes-on-and-on' : `p${i}`, sessions: 11 - i, messages: 100, costUsd: 11 - i })),
  byCharacter: [
    { character: 'bug_hunt', sessions: 3 },
    { character: null, sessions: 1 },
  ],
  byModel: [{ model: 'claude-\u001b[31mx', usage: usage(10, 20), transcripts: 2 }],
  byWeek: Array.from({ length: 13 }, (_, i) => ({ weekOf: `2025-W${i}`, sessions: 1, messages: 2, costUsd: 0.5 })),
};

describe('statsLines', () => {
  const lines = statsLines(stats, 'All projects');

  it('starts with the totals, digits grouped', () => {
    expect(lines.slice(0, 4)).toEqual([
      'All projects: 1,204 sessions (+1 subagent or compaction transcript), 2025-06-02 → 2025-12-19',
      '  messages 56,789 · prompts 3,000 · tool calls 200 (50 failed, 25.0%)',
      '  tokens in 1,234 · out 5,678 · cache write 1,000,000 · cache read 12,345,678',
      '  estimated cost $1,543.50 (2 sessions used a model without a price: not counted)',
    ]);
  });

  it('aligns each breakdown under its header, clips long names and says what it left out', () => {
    const at = lines.indexOf(lines.find((l) => l.startsWith('By project')) ?? '');
    expect(lines.slice(at, at + 3)).toEqual([
      'By project                      sessions  messages    cost',
      '  a-very-long-project-name-th…        11       100  $11.00',
      '  p1                                  10       100  $10.00',
    ]);
    expect(lines).toContain('  … 1 more project (--json lists all)');
    expect(lines).toContain('  bug hunt           3  75.0%');
    expect(lines).toContain('  (none)             1  25.0%');
    expect(lines).toContain('  claude-x            2          20         10');
    expect(lines.filter((l) => l.startsWith('  2025-W'))).toHaveLength(12);
    expect(lines.at(-1)).toBe('  … 1 earlier week (--json lists all)');
  });
});
