/**
 * zod schemas of the record parts that sinks read back from their stores (which users and other tools can edit):
 * one definition, so both sinks validate a stored session the same way.
 */
import { z } from 'zod';
import { CHARACTERS, type TitleSource } from './types.js';

const count = z.number().int().nonnegative();

/** Token counts of a transcript, a roll-up or one model. */
export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheCreationTokens: z.number(),
  cacheReadTokens: z.number(),
});

export const characterSchema = z.enum(CHARACTERS);

const TITLE_SOURCES = ['custom-title', 'ai-title', 'summary', 'prompt', 'fallback'] as const satisfies readonly TitleSource[];
// Fails to compile when TitleSource gains a member this list lacks.
const _allTitleSources: Exclude<TitleSource, (typeof TITLE_SOURCES)[number]> extends never ? true : never = true;
void _allTitleSources;

export const titleSourceSchema = z.enum(TITLE_SOURCES);

export const characterSignalsSchema = z.object({ rule: z.string() }).catchall(z.union([z.number(), z.string(), z.boolean()]));

/** The folded summary the titler and classifier work from (`SessionDigest`). */
export const digestSchema = z.object({
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
