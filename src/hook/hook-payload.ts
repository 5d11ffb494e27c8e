/** The JSON Claude Code pipes to a command hook (claude-code-jsonl.md §3 "stdin payload"), validated at the boundary. */
import path from 'node:path';
import { z } from 'zod';

/** Fields we use; Claude Code adds others over time, so unknown keys are allowed. */
export const hookPayloadSchema = z.looseObject({
  session_id: z.string().min(1),
  transcript_path: z.string().min(1).refine((value) => path.isAbsolute(value) && !value.includes('\0'), 'must be an absolute path'),
  hook_event_name: z.string().optional(),
  cwd: z.string().optional(),
  reason: z.string().optional(),
});

/** A validated hook payload. */
export type HookPayload = z.infer<typeof hookPayloadSchema>;

/** What stdin held: a payload naming a transcript, a hook payload we cannot use, or no hook at all. */
export type StdinVerdict = { kind: 'payload'; payload: HookPayload } | { kind: 'unusable-hook' } | { kind: 'not-a-hook' };

/**
 * Classifies stdin text. An object with `hook_event_name` or `session_id` came from a hook even when it does not
 * validate: it still gets a background sync (without a named transcript), never a slow sync inside Claude Code's budget.
 */
export function classifyStdin(text: string): StdinVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'not-a-hook' };
  }
  const parsed = hookPayloadSchema.safeParse(value);
  if (parsed.success) return { kind: 'payload', payload: parsed.data };
  const marker = z.looseObject({ hook_event_name: z.string() }).or(z.looseObject({ session_id: z.string() }));
  return marker.safeParse(value).success ? { kind: 'unusable-hook' } : { kind: 'not-a-hook' };
}
