/** Hand-made SessionRecords for titler tests: defaults for every field, overrides for what a test cares about. */
import type { SessionDigest, SessionRecord } from '../../src/records/types.js';
import { SCHEMA_VERSION, ZERO_USAGE } from '../../src/records/types.js';

/** A digest with nothing in it, plus `overrides`. */
export function makeDigest(overrides: Partial<SessionDigest> = {}): SessionDigest {
  return {
    customTitle: null,
    aiTitle: null,
    summary: null,
    prompts: [],
    toolCounts: {},
    filesEdited: [],
    filesEditedCount: 0,
    filesReadCount: 0,
    questionPrompts: 0,
    promptChars: 0,
    ...overrides,
  };
}

/** A main session of project "demo" with `digest` merged into an empty digest. */
export function makeSession(overrides: Partial<Omit<SessionRecord, 'digest'>> & { digest?: Partial<SessionDigest> } = {}): SessionRecord {
  const { digest, ...rest } = overrides;
  return {
    id: '00000000-0000-4000-8000-000000000001',
    sourceTool: 'claude-code',
    kind: 'main',
    projectId: '0123456789abcdef',
    projectName: 'demo',
    projectPath: '/home/dev/demo',
    parentSessionId: null,
    agentId: null,
    agentType: null,
    sourcePath: '/tmp/demo.jsonl',
    title: null,
    titleSource: null,
    customTitle: null,
    character: null,
    characterSignals: null,
    startedAt: '2025-06-02T08:00:00.000Z',
    endedAt: '2025-06-02T08:30:00.000Z',
    gitBranch: 'main',
    claudeVersion: '2.1.42',
    models: [],
    messageCount: 0,
    humanPromptCount: digest?.prompts?.length ?? 0,
    assistantMessageCount: 0,
    toolCallCount: 0,
    toolErrorCount: 0,
    compactionCount: 0,
    unknownRecordCount: 0,
    malformedLineCount: 0,
    usage: { ...ZERO_USAGE },
    usageByModel: {},
    usageWithSubagents: { ...ZERO_USAGE },
    costUsd: null,
    unpricedModels: [],
    digest: makeDigest(digest),
    device: { id: 'device-1', hostname: 'host', platform: 'linux' },
    schemaVersion: SCHEMA_VERSION,
    ...rest,
  };
}
