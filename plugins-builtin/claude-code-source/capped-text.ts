/**
 * Text that grows over several lines (and several increments) but is stored capped. Keeping the
 * first `max` characters plus the full length is enough to render exactly what `capText` would
 * give for the whole text, so an assistant message rebuilt across increments equals a one-pass one.
 */
import { capText, flatJoin } from '../../src/records/cap-text.js';

/** JSON form kept in the fold: `[head, fullLength]`. */
export type CappedText = [head: string, length: number];

/** Separator between the text parts (blocks) of one message. */
export const PART_SEPARATOR = '\n\n';

/** An empty accumulator. */
export function emptyCapped(): CappedText {
  return ['', 0];
}

/** Appends one part (joined to earlier parts by PART_SEPARATOR), keeping only `max` characters of head. */
export function appendCapped(acc: CappedText, part: string, max: number): CappedText {
  const piece = acc[1] > 0 ? PART_SEPARATOR + part : part;
  const room = max - acc[0].length;
  const head = room <= 0 ? acc[0] : piece.length <= room ? acc[0] + piece : flatJoin(acc[0], piece.slice(0, room));
  return [head, acc[1] + piece.length];
}

/** The capped text, identical to `capText(fullText, max)`. */
export function renderCapped(acc: CappedText, max: number): string {
  const [head, length] = acc;
  if (length <= max) return head;
  // capText only looks at the first `max` characters and the length: feed it those.
  const capped = capText(head.padEnd(max + 1, ' '), max);
  const marker = capped.lastIndexOf('… [truncated ');
  const kept = capped.slice(0, marker);
  return `${kept}… [truncated ${length - kept.length} chars]`;
}
