/**
 * `$CODE_INSIGHTS_HOME/hook-handoff.json`: when a hook run last handed work to a background sync. Kept apart from
 * hook-state.json and checked by hand so the hook run itself (inside Claude Code's 1.5 s budget) loads no zod.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface HandOff {
  at: string;
  transcript: string | null;
}

function handOffPath(home: string): string {
  return path.join(home, 'hook-handoff.json');
}

/** Records that a hook run handed a transcript to a background sync (so a worker that died shows in `status`). */
export function recordHandOff(home: string, transcript: string | null, at = new Date()): void {
  writeFileAtomic(handOffPath(home), `${JSON.stringify({ at: at.toISOString(), transcript })}\n`, { fsync: false });
}

/** The last hand-off, or null when none was recorded or the file is unreadable (bookkeeping only). */
export function readHandOff(home: string): HandOff | null {
  try {
    const value = JSON.parse(readFileSync(handOffPath(home), 'utf8')) as Partial<HandOff> | null;
    if (typeof value?.at !== 'string') return null;
    return { at: value.at, transcript: typeof value.transcript === 'string' ? value.transcript : null };
  } catch {
    return null;
  }
}
