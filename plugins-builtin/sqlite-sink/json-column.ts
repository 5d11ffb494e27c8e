/** zod schemas for the JSON text columns: the file can be edited by any SQLite tool, so reads parse, never cast. */
import { z } from 'zod';
import { SinkError } from '../../src/errors.js';
import { SINK_NAME } from './open-database.js';

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

// Record parts shared with the other sinks.
export { characterSchema, characterSignalsSchema, digestSchema, titleSourceSchema, usageSchema } from '../../src/records/schemas.js';

export const toolCallSchema = z.object({ id: z.string(), name: z.string(), input: z.string() });

export const toolResultSchema = z.object({ toolUseId: z.string(), isError: z.boolean(), content: z.string() });

/** One line naming the first problem zod found, for error messages (no column values: they may hold secrets). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid row';
  return `${issue.path.join('.') || 'row'} ${issue.message}`;
}

/** `raw` (a row a query returned) parsed with `schema`; a row that does not match is a SinkError naming `what`. */
export function parseRow<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new SinkError(SINK_NAME, `${what} does not match the schema: ${describeIssue(parsed.error)}`, { unavailable: false });
  return parsed.data;
}
