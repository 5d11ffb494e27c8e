/** Reads a subagent's `agent-<id>.meta.json` sidecar; absence or garbage reads as "no agent type". */
import { readFileSync } from 'node:fs';
import { readAgentMeta } from './wire-schema.js';

/** The sidecar's `agentType`, or null when the file is missing, unreadable or not the expected shape. */
export function readAgentType(metaPath: string | undefined): string | null {
  if (metaPath === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch {
    return null;
  }
  return readAgentMeta(raw)?.agentType ?? null;
}
