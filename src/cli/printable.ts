/**
 * Stored text made safe to print on a terminal: escape sequences could move the cursor, retitle the window or hide
 * text, and newlines or tabs would break a listing's layout. Messages synced by this version hold none, but older
 * rows, titles and other stores may.
 */
import { withoutEscapes } from '../records/terminal-escapes.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

/** `text` without escape sequences, its other control characters (newlines and tabs included) as spaces. */
export function printable(text: string): string {
  return withoutEscapes(text).replace(CONTROL, ' ');
}
