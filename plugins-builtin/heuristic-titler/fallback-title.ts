/** A title for a session whose records offer no usable title or prompt. */
import type { SessionRecord } from '../../src/records/types.js';

/** Derived from what is always known: kind, agent type, project, and the tool used most. */
export function fallbackTitle(session: SessionRecord): string {
  if (session.kind === 'subagent') return session.agentType ? `Subagent: ${session.agentType}` : 'Subagent session';
  if (session.kind === 'compaction') return 'Context compaction';
  const place = session.projectName.trim() ? `Session in ${session.projectName.trim()}` : 'Untitled session';
  const tool = mostUsedTool(session.digest.toolCounts);
  return tool ? `${place} (${tool})` : place;
}

/** Name of the most-called tool; ties go to the name first in sort order, so the result is stable. */
function mostUsedTool(toolCounts: Record<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of Object.entries(toolCounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (entry[1] > 0 && (best === null || entry[1] > best[1])) best = entry;
  }
  return best?.[0] ?? null;
}
