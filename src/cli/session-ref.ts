/**
 * Short session ids, as `sessions` shows them, and finding the session a user means from one. A main session's id
 * is its transcript's name (a UUID); a child session's is `<main id>:<agent or compaction id>`.
 */

/** Characters of a main session's id shown (and enough, nearly always, to name it). */
const SHORT = 8;

/** `0d3a8e6f` for a main session, `29ccd257:agent-a2271d1` for a child. */
export function shortSessionId(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? id.slice(0, SHORT) : `${id.slice(0, Math.min(colon, SHORT))}:${id.slice(colon + 1)}`;
}

/** What a reference can say about the session it names. */
export type SessionMatch = { id: string } | { ambiguous: string[] } | { none: true };

/**
 * The session `ref` names among `candidates` (ids starting with the part of `ref` before any `:`): the one equal to
 * it, else the one it is a start of (`head` or `head:tail-start`). A main session wins over its own children when
 * its start names them all.
 */
export function matchSessionRef(ref: string, candidates: ReadonlyArray<string>): SessionMatch {
  if (candidates.includes(ref)) return { id: ref };
  const colon = ref.indexOf(':');
  const matching =
    colon < 0
      ? candidates.filter((id) => id.startsWith(ref))
      : candidates.filter((id) => {
          const at = id.indexOf(':');
          return at >= 0 && id.startsWith(ref.slice(0, colon)) && id.slice(at + 1).startsWith(ref.slice(colon + 1));
        });
  if (matching.length === 1) return { id: matching[0] as string };
  if (matching.length === 0) return { none: true };
  const mains = matching.filter((id) => !id.includes(':'));
  const main = mains[0];
  if (mains.length === 1 && main !== undefined && matching.every((id) => id === main || id.startsWith(`${main}:`))) return { id: main };
  return { ambiguous: matching };
}

/** The part of `ref` every candidate id starts with. */
export function refHead(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(0, colon);
}
