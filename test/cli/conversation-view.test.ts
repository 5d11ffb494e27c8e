import { describe, expect, it } from 'vitest';
import { conversationLines } from '../../src/cli/conversation-view.js';
import type { MessageRecord } from '../../src/records/types.js';
import { makeSession } from '../helpers/make-session.js';
import { makeMessage } from '../plugins-builtin/sqlite-sink/fixtures.js';

/** A message of session `s`, at 08:0<order> unless given a time. */
function message(order: number, overrides: Partial<MessageRecord>): MessageRecord {
  return makeMessage('s', `m${order}`, order, { timestamp: `2025-06-02T08:0${order}:00.000Z`, text: '', ...overrides });
}

const session = makeSession({ id: 'sess-1', title: 'Fix the \u001b[1mparser\u001b[0m', character: 'bug_hunt', messageCount: 4, costUsd: 0.125 });
const messages = [
  message(0, { text: 'Why does it crash?\nOn empty input.' }),
  message(1, {
    role: 'assistant',
    kind: 'assistant',
    model: 'claude-sonnet-4-5',
    text: 'Let me look.',
    thinking: 'Probably the lexer.',
    toolCalls: [
      { id: 't1', name: 'Read', input: '{"file_path":"/w/src/parse.ts"}' },
      { id: 't2', name: 'Bash', input: '{"command":"npm test","description":"run tests"}' },
      { id: 't3', name: 'Mystery', input: '{"x":1}' },
      { id: 't4', name: 'Write', input: '{"content":"… [truncated 9 chars]' },
    ],
  }),
  message(2, { kind: 'tool_result', toolResults: [{ toolUseId: 't1', isError: false, content: '\n  1→export function parse() {}' }, { toolUseId: 't2', isError: true, content: 'FAIL \u001b]0;x\u0007parse.test.ts' }] }),
  message(3, { role: 'system', kind: 'system', timestamp: null, text: 'Stop hook ran' }),
];

describe('conversationLines', () => {
  it('prints a header, then each message with its time, speaker, text, tool calls and results', () => {
    expect(conversationLines(session, messages, [], { thinking: false, width: 100 })).toEqual([
      'Fix the parser',
      'demo · bug hunt · 2025-06-02 08:00 → 08:30 · 4 messages · $0.13',
      'id sess-1',
      '',
      '[08:00:00] you',
      '  Why does it crash?',
      '  On empty input.',
      '[08:01:00] claude (claude-sonnet-4-5)',
      '  Let me look.',
      '  → Read /w/src/parse.ts',
      '  → Bash npm test',
      '  → Mystery {"x":1}',
      '  → Write {"content":"… [truncated 9 chars]',
      '[08:02:00] tool results',
      '  ✓ 1→export function parse() {}',
      '  ✗ FAIL parse.test.ts',
      '[--:--:--] system',
      '  Stop hook ran',
    ]);
  });

  it('shows thinking on request, child sessions, and what a child session belongs to', () => {
    const child = makeSession({ id: 'sess-1:agent-a1', kind: 'subagent', parentSessionId: 'sess-1', agentType: 'Explore', title: 'Look around' });
    const lines = conversationLines(session, messages, [child], { thinking: true, width: 100 });
    expect(lines.slice(3, 4)).toEqual(['  ↳ subagent sess-1:agent-a1  Look around']);
    expect(lines).toContain('  (thinking) Probably the lexer.');
    expect(conversationLines(child, [], [], { thinking: false, width: 100 }).slice(2)).toEqual(['id sess-1:agent-a1', 'subagent (Explore) of session sess-1', '', '(no messages stored)']);
  });

  it('cuts tool lines to the width', () => {
    const wide = conversationLines(session, [message(1, { role: 'assistant', kind: 'assistant', toolCalls: [{ id: 't', name: 'Bash', input: JSON.stringify({ command: 'x'.repeat(200) }) }] })], [], { thinking: false, width: 40 });
    expect(wide.at(-1)).toBe(`  → Bash ${'x'.repeat(30)}…`);
    expect([...(wide.at(-1) ?? '')].length).toBe(40);
  });
});
