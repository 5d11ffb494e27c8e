/** Small builders of records for the sqlite-sink tests: every field set, overridable per test. */
import type { MessageRecord, ProjectRecord, SessionBatch, SessionRecord } from '../../../src/records/types.js';
import { SCHEMA_VERSION } from '../../../src/records/types.js';

export const DEVICE_A = { id: 'dev-a', hostname: 'laptop', platform: 'linux' };
export const DEVICE_B = { id: 'dev-b', hostname: 'desktop', platform: 'darwin' };

/** A project record; `path` also names it unless `name` is given. */
export function makeProject(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: 'p-1111222233334444',
    name: 'api',
    path: '/home/dev/work/api',
    gitRemoteUrl: 'github.com/acme/api',
    idSource: 'git-remote',
    devices: [DEVICE_A.id],
    lastActivity: '2026-03-01T10:30:00.000Z',
    ...overrides,
  };
}

/** A main session with every field set to a distinct, non-default value. */
export function makeSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: 's-1',
    sourceTool: 'claude-code',
    kind: 'main',
    projectId: 'p-1111222233334444',
    projectName: 'api',
    projectPath: '/home/dev/work/api',
    parentSessionId: null,
    agentId: null,
    agentType: null,
    sourcePath: '/home/dev/.claude/projects/-home-dev-work-api/s-1.jsonl',
    title: 'Fix the flaky login test',
    titleSource: 'prompt',
    customTitle: null,
    character: 'bug_hunt',
    characterSignals: { rule: 'errors-and-fix-words', toolErrors: 3, ratio: 0.25, hasTests: true },
    startedAt: '2026-03-01T10:00:00.000Z',
    endedAt: '2026-03-01T10:30:00.000Z',
    gitBranch: 'main',
    claudeVersion: '2.1.42',
    models: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
    messageCount: 4,
    humanPromptCount: 1,
    assistantMessageCount: 2,
    toolCallCount: 1,
    toolErrorCount: 1,
    compactionCount: 0,
    unknownRecordCount: 2,
    malformedLineCount: 1,
    usage: { inputTokens: 120, outputTokens: 340, cacheCreationTokens: 5000, cacheReadTokens: 42000 },
    usageByModel: {
      'claude-sonnet-4-5': { inputTokens: 100, outputTokens: 300, cacheCreationTokens: 5000, cacheReadTokens: 40000 },
      'claude-haiku-4-5': { inputTokens: 20, outputTokens: 40, cacheCreationTokens: 0, cacheReadTokens: 2000 },
    },
    usageWithSubagents: { inputTokens: 220, outputTokens: 640, cacheCreationTokens: 7000, cacheReadTokens: 52000 },
    costUsd: 0.123456789,
    unpricedModels: ['mystery-model'],
    digest: {
      customTitle: null,
      aiTitle: 'Login test flake',
      summary: null,
      prompts: ['the login test fails every other run, find out why'],
      toolCounts: { Bash: 1 },
      filesEdited: ['test/login.test.ts'],
      filesEditedCount: 1,
      filesReadCount: 3,
      questionPrompts: 1,
      promptChars: 51,
    },
    device: DEVICE_A,
    schemaVersion: SCHEMA_VERSION,
    ...overrides,
  };
}

/** A message of `sessionId`; defaults to a human prompt. */
export function makeMessage(sessionId: string, id: string, order: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id,
    sessionId,
    order,
    parentId: null,
    role: 'user',
    kind: 'human_prompt',
    timestamp: `2026-03-01T10:${String(order).padStart(2, '0')}:00.000Z`,
    text: `message ${id}`,
    thinking: '',
    toolCalls: [],
    toolResults: [],
    model: null,
    usage: null,
    isSidechain: false,
    ...overrides,
  };
}

/** A short conversation: prompt, assistant turn with a tool call, its failed result, a final answer. */
export function makeConversation(sessionId: string, prefix = 'm'): MessageRecord[] {
  return [
    makeMessage(sessionId, `${prefix}1`, 0, { text: 'the login test fails every other run, find out why' }),
    makeMessage(sessionId, `${prefix}2`, 1, {
      role: 'assistant',
      kind: 'assistant',
      parentId: `${prefix}1`,
      text: 'Let me run the suite.',
      thinking: 'probably a race in the session cookie',
      toolCalls: [{ id: `${prefix}-tu1`, name: 'Bash', input: '{"command":"npm test"}' }],
      model: 'claude-sonnet-4-5',
      usage: { inputTokens: 10, outputTokens: 20, cacheCreationTokens: 30, cacheReadTokens: 40 },
    }),
    makeMessage(sessionId, `${prefix}3`, 2, {
      kind: 'tool_result',
      parentId: `${prefix}2`,
      text: '',
      toolResults: [{ toolUseId: `${prefix}-tu1`, isError: true, content: '1 failing' }],
    }),
    makeMessage(sessionId, `${prefix}4`, 3, {
      role: 'assistant',
      kind: 'assistant',
      parentId: `${prefix}3`,
      text: 'The cookie jar is shared between tests; isolating it fixes the flake.',
      model: 'claude-sonnet-4-5',
      usage: { inputTokens: 5, outputTokens: 50, cacheCreationTokens: 0, cacheReadTokens: 60 },
    }),
  ];
}

/** A batch for `session` (and its project), with the given messages. */
export function makeBatch(session: SessionRecord, messages: MessageRecord[], project?: Partial<ProjectRecord>): SessionBatch {
  return {
    file: {
      source: 'claude-code',
      path: session.sourcePath,
      root: '/home/dev/.claude',
      projectDir: '-home-dev-work-api',
      kind: session.kind,
      sessionId: session.parentSessionId ?? session.id,
      size: 1000,
      mtimeMs: 1,
      ino: 1,
    },
    cwd: session.projectPath,
    project: makeProject({
      id: session.projectId,
      name: session.projectName,
      path: session.projectPath,
      devices: [session.device.id],
      lastActivity: session.endedAt,
      ...project,
    }),
    session,
    messages,
  };
}
