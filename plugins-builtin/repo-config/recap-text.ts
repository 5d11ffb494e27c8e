/** Caps text again to a lower limit, keeping the marker's count of cut characters true for the original text. */
import { capText } from '../../src/records/cap-text.js';

/** The marker `capText` appends; the source already put one on text it capped while parsing. */
const MARKER = /… \[truncated (\d+) chars\]$/;

/** `text` capped to `max`, as `capText` would have capped the original (uncut) text. */
export function recapText(text: string, max: number): string {
  const marker = MARKER.exec(text);
  const kept = marker ? text.slice(0, marker.index) : text;
  if (kept.length <= max) return text;
  const capped = capText(kept, max);
  if (!marker) return capped;
  const again = MARKER.exec(capped);
  if (!again) return capped;
  const cut = Number(again[1]) + Number(marker[1]);
  return `${capped.slice(0, again.index)}… [truncated ${cut} chars]`;
}
