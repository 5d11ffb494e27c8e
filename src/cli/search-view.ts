/** The `search --json` contract and the human listing, from store hits. */
import type { MessageHit } from '../../plugins-builtin/sqlite-sink/index.js';
import { printable } from './printable.js';
import { shortSessionId } from './session-ref.js';
import { clip } from './session-view.js';

/** One element of `search --json`. */
export function hitJson(hit: MessageHit) {
  return {
    sessionId: hit.sessionId,
    sessionTitle: hit.sessionTitle,
    sessionKind: hit.sessionKind,
    projectId: hit.projectId,
    projectName: hit.projectName,
    messageId: hit.messageId,
    order: hit.order,
    role: hit.role,
    kind: hit.kind,
    timestamp: hit.timestamp,
    snippet: hit.snippet,
    rank: hit.rank,
  };
}

/**
 * Two lines a hit: when, project, session title and short id (for `show`) with the message's place in it; then who
 * said it and the words around the match (matched terms in [ ], on one line).
 */
export function hitLines(hits: ReadonlyArray<MessageHit>, width = process.stdout.columns ?? 120): string[] {
  const lines: string[] = [];
  for (const hit of hits) {
    const when = (hit.timestamp ?? '').slice(0, 16).replace('T', ' ') || '(no time)';
    const title = `${hit.sessionKind === 'main' ? '' : '↳ '}${printable(hit.sessionTitle ?? '(untitled)')}`;
    lines.push(`${when}  ${clip(printable(hit.projectName), 24)} · ${clip(title, Math.max(20, width - 70))}  (${printable(shortSessionId(hit.sessionId))} #${hit.order})`);
    const snippet = printable(hit.snippet).replace(/ +/gu, ' ').trim();
    lines.push(`    ${hit.role}: ${clip(snippet, Math.max(40, width - 6 - hit.role.length))}`);
  }
  return lines;
}
