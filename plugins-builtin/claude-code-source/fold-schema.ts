/**
 * The fold: this source's per-transcript state, handed to the runner as opaque JSON after every
 * increment and back on the next one. It holds exactly what is needed to continue a transcript
 * from a line boundary and end with the same session and messages as one full pass. Maps keyed
 * by transcript strings are arrays of pairs, so no id can ever act as an object's `__proto__`.
 */
import { z } from 'zod';

/** Bumped whenever the fold's meaning changes; an older fold is refused (the runner re-reads the file). */
export const FOLD_VERSION = 1;

const nullableString = z.string().nullable();
const count = z.number();
const tokens = z.tuple([count, count, count, count]);
const cappedText = z.tuple([z.string(), count]);
const toolCall = z.object({ id: z.string(), name: z.string(), input: z.string() });

/** An assistant API response whose lines may continue in the next increment. */
export const OpenGroupJson = z.object({
  id: z.string(),
  messageId: nullableString,
  order: count,
  parentId: nullableString,
  timestamp: nullableString,
  model: nullableString,
  isSidechain: z.boolean(),
  text: cappedText,
  thinking: cappedText,
  toolCalls: z.array(toolCall),
  usage: tokens.nullable(),
});
export type OpenGroupJson = z.infer<typeof OpenGroupJson>;

/**
 * The usage part of a fold: all a main transcript needs from its subagents' folds. Kept entries
 * are columns (parallel arrays), which validate an order of magnitude faster than one tuple each.
 */
export const FoldUsageJson = z
  .object({
    version: z.literal(FOLD_VERSION),
    keptKeys: z.array(z.string()),
    keptMessageIds: z.array(z.string()),
    keptModels: z.array(nullableString),
    /** Four token counts per entry: input, output, cache creation, cache read. */
    keptTokens: z.array(count),
    /** Per entry: bit 0 = isSidechain, bit 1 = synthetic. */
    keptFlags: z.array(z.number().int().min(0).max(3)),
    looseTokens: tokens,
    looseByModel: z.array(z.tuple([z.string(), tokens])),
  })
  .refine(
    (f) => f.keptMessageIds.length === f.keptKeys.length && f.keptModels.length === f.keptKeys.length && f.keptFlags.length === f.keptKeys.length && f.keptTokens.length === 4 * f.keptKeys.length,
    { message: 'kept usage columns differ in length' },
  );

/** The whole fold. */
export const FoldJson = FoldUsageJson.safeExtend({
  records: count,
  malformedLines: count,
  unknownRecords: count,
  humanPrompts: count,
  toolErrors: count,
  compactions: count,
  messages: count,
  firstTimestamp: nullableString,
  lastTimestamp: nullableString,
  /** [cwd, records] in first-seen order. */
  cwds: z.array(z.tuple([z.string(), count])),
  gitBranch: nullableString,
  claudeVersion: nullableString,
  /** First `sessionId` field of the file (the parent, in legacy agent files). */
  sessionIdField: nullableString,
  /** Distinct non-synthetic assistant `message.id`s. */
  assistantIds: z.array(z.string()),
  models: z.array(z.string()),
  /** Distinct tool_use ids and, at the same index, their tool names. */
  toolIds: z.array(z.string()),
  toolNames: z.array(z.string()),
  /** Record uuids that are not message ids (for summary resolution). */
  uuids: z.array(z.string()),
  /** Record uuids that are message ids (distinct messages). */
  messageUuids: z.array(z.string()),
  customTitle: nullableString,
  aiTitle: nullableString,
  /** [summary, record ordinal] of the last summary whose leafUuid is in the file. */
  summary: z.tuple([nullableString, count]).nullable(),
  /** [leafUuid, summary, ordinal]: summaries whose leaf has not been seen (yet). */
  pendingSummaries: z.array(z.tuple([z.string(), nullableString, count])),
  prompts: z.array(z.string()),
  filesEdited: z.array(z.string()),
  filesRead: z.array(z.string()),
  questionPrompts: count,
  promptChars: count,
  group: OpenGroupJson.nullable(),
}).refine((f) => f.toolNames.length === f.toolIds.length, { message: 'tool columns differ in length' });
export type FoldJson = z.infer<typeof FoldJson>;
