/** Builders of SessionBatches for the firestore-sink tests: every field set, overridable per test. */
import type { DeviceInfo, MessageRecord, ProjectRecord, SessionBatch, SessionRecord } from '../../../src/records/types.js';
import { SCHEMA_VERSION } from '../../../src/records/types.js';

export const DEVICE_A: DeviceInfo = { id: '0a0a0a0a-0000-4000-8000-00000000000a', hostname: 'laptop', platform: 'linux' };
export const DEVICE_B: DeviceInfo = { id: '0b0b0b0b-0000-4000-8000-00000000000b', hostname: 'desktop', platform: 'darwin' };

export function makeProject(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: 'a1b2c3d4e5f60718',
    name: 'api',
    path: '/home/dev/work/api',
    gitRemoteUrl: 'https://github.com/acme/api',
    idSource: 'git-remote',
    devices: [DEVICE_A.id],
    lastActivity: '2026-03-01T10:30:00.000Z',
    ...overrides,
  };
}

export function makeSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: 's-1',
    sourceTool: 'claude-code',
    kind: 'main',
    projectId: 'a1b2c3d4e5f60718',
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
    models: ['claude-sonnet-4-5'],
    messageCount: 2,
    humanPromptCount: 1,
    assistantMessageCount: 1,
    toolCallCount: 1,
    toolErrorCount: 0,
    compactionCount: 0,
    unknownRecordCount: 0,
    malformedLineCount: 0,
    usage: { inputTokens: 120, outputTokens: 340, cacheCreationTokens: 5000, cacheReadTokens: 42000 },
    usageByModel: { 'claude-sonnet-4.5': { inputTokens: 120, outputTokens: 340, cacheCreationTokens: 5000, cacheReadTokens: 42000 } },
    usageWithSubagents: { inputTokens: 120, outputTokens: 340, cacheCreationTokens: 5000, cacheReadTokens: 42000 },
    costUsd: 0.125,
    unpricedModels: [],
    digest: {
      customTitle: null,
      aiTitle: null,
      summary: null,
      prompts: ['fix the flaky login test'],
      toolCounts: { Bash: 1 },
      filesEdited: ['src/login.ts'],
      filesEditedCount: 1,
      filesReadCount: 2,
      questionPrompts: 0,
      promptChars: 24,
    },
    device: DEVICE_A,
    schemaVersion: SCHEMA_VERSION,
    ...overrides,
  };
}

/** The `n`-th message of a session (deterministic uuid-like id unless given). */
export function makeMessage(sessionId: string, n: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  const assistant = n % 2 === 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sessionId,
    order: n,
    parentId: n === 0 ? null : `00000000-0000-4000-8000-${String(n - 1).padStart(12, '0')}`,
    role: assistant ? 'assistant' : 'user',
    kind: assistant ? 'assistant' : 'human_prompt',
    timestamp: new Date(Date.parse('2026-03-01T10:00:00.000Z') + n * 1000).toISOString(),
    text: assistant ? `answer ${n}` : `question ${n}`,
    thinking: '',
    toolCalls: assistant ? [{ id: `toolu_${n}`, name: 'Bash', input: '{"command":"ls"}' }] : [],
    toolResults: [],
    model: assistant ? 'claude-sonnet-4-5' : null,
    usage: assistant ? { inputTokens: 10, outputTokens: 20, cacheCreationTokens: 0, cacheReadTokens: 0 } : null,
    isSidechain: false,
    ...overrides,
  };
}

/** A batch of `messages` messages numbered from `from`, for `session` in `project`. */
export function makeBatch(options: { session?: Partial<SessionRecord>; project?: Partial<ProjectRecord>; from?: number; messages?: number } = {}): SessionBatch {
  const session = makeSession(options.session);
  const from = options.from ?? 0;
  const count = options.messages ?? 2;
  return {
    file: {
      source: 'claude-code',
      path: session.sourcePath,
      root: '/home/dev/.claude',
      projectDir: '-home-dev-work-api',
      kind: session.kind,
      sessionId: session.parentSessionId ?? session.id,
      size: 1000,
      mtimeMs: 0,
      ino: 1,
    },
    cwd: session.projectPath,
    project: makeProject({ devices: [session.device.id], ...options.project }),
    session,
    messages: Array.from({ length: count }, (_, i) => makeMessage(session.id, from + i)),
  };
}
