import { describe, expect, it } from 'vitest';
import { computeSignals } from '../../../plugins-builtin/heuristic-classifier/signals.js';
import { makeSession } from '../../helpers/make-session.js';

describe('computeSignals', () => {
  it('groups the tool mix and derives shares and rates', () => {
    const session = makeSession({
      humanPromptCount: 2,
      toolCallCount: 20,
      toolErrorCount: 5,
      assistantMessageCount: 14,
      compactionCount: 1,
      startedAt: '2025-06-02T08:00:00.000Z',
      endedAt: '2025-06-02T09:30:00.000Z',
      digest: {
        prompts: ['Fix the failing upload test', 'also simplify the retry helper'],
        toolCounts: { Read: 4, Grep: 2, Glob: 1, LS: 1, Edit: 3, MultiEdit: 1, Write: 1, Bash: 4, Task: 1, Agent: 1, WebFetch: 1, TodoWrite: 0 },
        filesEditedCount: 3,
        filesReadCount: 4,
        questionPrompts: 0,
        promptChars: 60,
      },
    });
    expect(computeSignals(session)).toEqual({
      humanPrompts: 2,
      assistantMessages: 14,
      toolCalls: 20,
      readTools: 8,
      editTools: 5,
      bashTools: 4,
      agentTools: 2,
      webTools: 1,
      toolErrors: 5,
      errorRate: 0.25,
      editShare: 0.25,
      readShare: 0.5,
      toolsPerPrompt: 10,
      filesEdited: 3,
      filesRead: 4,
      questionPrompts: 0,
      promptChars: 60,
      compactions: 1,
      durationMinutes: 90,
      intent: 'bug',
      quickMarker: false,
      bugWordPrompts: 1,
      refactorWordPrompts: 1,
    });
  });

  it('is all zeros and no intent for an empty session', () => {
    const signals = computeSignals(makeSession({ startedAt: null, endedAt: null }));
    expect(signals).toMatchObject({ toolCalls: 0, errorRate: 0, editShare: 0, readShare: 0, toolsPerPrompt: 0, durationMinutes: 0, intent: 'none' });
  });

  it('takes the intent of the first prompt that states one', () => {
    const session = makeSession({ digest: { prompts: ['<command-name>/clear</command-name>', 'hmm', 'Add a doctor command', 'Fix it'] } });
    expect(computeSignals(session).intent).toBe('feature');
  });

  it('rounds shares so incremental and one-pass syncs store identical numbers', () => {
    const session = makeSession({ toolCallCount: 3, toolErrorCount: 1, digest: { toolCounts: { Edit: 1, Read: 2 } } });
    expect(computeSignals(session)).toMatchObject({ errorRate: 0.333, editShare: 0.333, readShare: 0.667 });
  });
});
