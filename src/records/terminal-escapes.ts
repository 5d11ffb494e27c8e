/**
 * Terminal escape sequences: tool and hook output quoted in transcripts carries colour codes and the like. They mean
 * nothing in a stored message (which is read, searched and shown outside a terminal), glue their parameters to the
 * next word for the full-text index (`ESC[31mfail` is indexed as `31mfail`), and must never reach a terminal from a
 * listing.
 */

/** CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`) and two-character escape sequences, and their 8-bit forms. */
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/gu;
const INTRODUCER = /[\u001b\u009b\u009d]/u;

/** `text` without its escape sequences (the same string when it has none, which is nearly always). */
export function withoutEscapes(text: string): string {
  return INTRODUCER.test(text) ? text.replace(ESCAPE_SEQUENCE, '') : text;
}
