/** zod schemas for the JSON text columns: the file can be edited by any SQLite tool, so reads parse, never cast. */
import { z } from 'zod';
import { CHARACTERS, type TitleSource } from '../../src/records/types.js';

/** A TEXT column holding JSON that must match `schema`. */
export function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** Token counts as stored in JSON columns (`usage_by_model`). */
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

export const digestSchema = z.object({
  customTitle: z.string().nullable(),
  aiTitle: z.string().nullable(),
  summary: z.string().nullable(),
  prompts: z.array(z.string()),
  toolCounts: z.record(z.string(), z.number()),
  filesEdited: z.array(z.string()),
  filesEditedCount: z.number(),
  filesReadCount: z.number(),
  questionPrompts: z.number(),
  promptChars: z.number(),
});

export const toolCallSchema = z.object({ id: z.string(), name: z.string(), input: z.string() });

export const toolResultSchema = z.object({ toolUseId: z.string(), isError: z.boolean(), content: z.string() });

/** One line naming the first problem zod found, for error messages (no column values: they may hold secrets). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid row';
  return `${issue.path.join('.') || 'row'} ${issue.message}`;
}
