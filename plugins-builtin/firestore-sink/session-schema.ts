/** Validates session documents read back from Firestore (users and other tools can edit them) into SessionRecords. */
import { z } from 'zod';
import type { SessionRecord } from '../../src/records/types.js';

const usage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheCreationTokens: z.number(),
  cacheReadTokens: z.number(),
});

const count = z.number().int().nonnegative();

const digest = z.object({
  customTitle: z.string().nullable(),
  aiTitle: z.string().nullable(),
  summary: z.string().nullable(),
  prompts: z.array(z.string()),
  toolCounts: z.record(z.string(), z.number()),
  filesEdited: z.array(z.string()),
  filesEditedCount: count,
  filesReadCount: count,
  questionPrompts: count,
  promptChars: count,
});

/** A stored session document → SessionRecord. Extra fields (syncedAt, user fields) are dropped. */
export const storedSessionSchema: z.ZodType<SessionRecord> = z.object({
  id: z.string().min(1),
  sourceTool: z.string(),
  kind: z.enum(['main', 'subagent', 'compaction']),
  projectId: z.string(),
  projectName: z.string(),
  projectPath: z.string(),
  parentSessionId: z.string().nullable(),
  agentId: z.string().nullable(),
  agentType: z.string().nullable(),
  sourcePath: z.string(),
  title: z.string().nullable(),
  titleSource: z.enum(['custom-title', 'ai-title', 'summary', 'prompt', 'fallback']).nullable(),
  // Set by users; anything but a string reads as "not set" rather than failing the whole listing.
  customTitle: z.string().nullable().optional().catch(null).transform((v) => v ?? null),
  // Spelled out (not CHARACTERS) so the ZodType<SessionRecord> annotation checks it against the type.
  character: z.enum(['deep_focus', 'bug_hunt', 'feature_build', 'exploration', 'refactor', 'learning', 'quick_task']).nullable(),
  characterSignals: z
    .object({ rule: z.string() })
    .catchall(z.union([z.number(), z.string(), z.boolean()]))
    .nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  gitBranch: z.string().nullable(),
  claudeVersion: z.string().nullable(),
  models: z.array(z.string()),
  messageCount: count,
  humanPromptCount: count,
  assistantMessageCount: count,
  toolCallCount: count,
  toolErrorCount: count,
  compactionCount: count,
  unknownRecordCount: count,
  malformedLineCount: count,
  usage,
  usageByModel: z.record(z.string(), usage),
  usageWithSubagents: usage,
  costUsd: z.number().nullable(),
  unpricedModels: z.array(z.string()),
  digest,
  device: z.object({ id: z.string(), hostname: z.string(), platform: z.string() }),
  schemaVersion: z.number().int(),
});
