/**
 * The JSON Claude Code pipes to a command hook (claude-code-jsonl.md §3 "stdin payload"), validated at the boundary.
 * Checked by hand rather than with zod: this runs inside Claude Code's 1.5 s SessionEnd budget, and loading zod
 * would be most of a hook run's own work.
 */
import path from 'node:path';

/** Fields we use; Claude Code adds others over time, so unknown keys are allowed (and kept). */
export interface HookPayload {
  session_id: string;
  transcript_path: string;
  hook_event_name?: string;
  cwd?: string;
  reason?: string;
  [key: string]: unknown;
}

/** What stdin held: a payload naming a transcript, a hook payload we cannot use, or no hook at all. */
export type StdinVerdict = { kind: 'payload'; payload: HookPayload } | { kind: 'unusable-hook' } | { kind: 'not-a-hook' };

const OPTIONAL_STRINGS = ['hook_event_name', 'cwd', 'reason'] as const;

/** The payload when `value` is a valid one, else null. */
export function parseHookPayload(value: unknown): HookPayload | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const { session_id: sessionId, transcript_path: transcript } = record;
  if (typeof sessionId !== 'string' || sessionId.length === 0) return null;
  if (typeof transcript !== 'string' || !path.isAbsolute(transcript) || transcript.includes('\0')) return null;
  if (OPTIONAL_STRINGS.some((key) => record[key] !== undefined && typeof record[key] !== 'string')) return null;
  return record as HookPayload;
}

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
  const payload = parseHookPayload(value);
  if (payload) return { kind: 'payload', payload };
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const looksLikeHook = record !== null && (typeof record.hook_event_name === 'string' || typeof record.session_id === 'string');
  return looksLikeHook ? { kind: 'unusable-hook' } : { kind: 'not-a-hook' };
}
