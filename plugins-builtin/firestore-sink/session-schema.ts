/** Validates session documents read back from Firestore (users and other tools can edit them) into SessionRecords. */
import { z } from 'zod';
import { characterSchema, characterSignalsSchema, digestSchema, titleSourceSchema, usageSchema } from '../../src/records/schemas.js';
import type { SessionRecord } from '../../src/records/types.js';

const count = z.number().int().nonnegative();

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
  titleSource: titleSourceSchema.nullable(),
  // Set by users; anything but a string reads as "not set" rather than failing the whole listing.
  customTitle: z.string().nullable().optional().catch(null).transform((v) => v ?? null),
  character: characterSchema.nullable(),
  characterSignals: characterSignalsSchema.nullable(),
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
  usage: usageSchema,
  usageByModel: z.record(z.string(), usageSchema),
  usageWithSubagents: usageSchema,
  costUsd: z.number().nullable(),
  unpricedModels: z.array(z.string()),
  digest: digestSchema,
  device: z.object({ id: z.string(), hostname: z.string(), platform: z.string() }),
  schemaVersion: z.number().int(),
});
