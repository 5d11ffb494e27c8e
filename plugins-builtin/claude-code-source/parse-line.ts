/** Turns one physical line into a record or a counted reason to skip it (CORPUS.md "Definitions → Record"). */

/** What a complete line turned out to be. */
export type ParsedLine =
  | { kind: 'record'; value: Record<string, unknown> }
  | { kind: 'blank' }
  | { kind: 'invalidJson' }
  | { kind: 'nonObject' };

const BLANK: ParsedLine = { kind: 'blank' };
const INVALID: ParsedLine = { kind: 'invalidJson' };
const NON_OBJECT: ParsedLine = { kind: 'nonObject' };
const WHITESPACE_ONLY = /^\s*$/;

/** Classifies a line (without its `\n`); `firstLine` strips a UTF-8 BOM, which only line 1 may carry. */
export function parseLine(raw: string, firstLine: boolean): ParsedLine {
  let line = raw;
  if (firstLine && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  if (line.length === 0 || WHITESPACE_ONLY.test(line)) return BLANK;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return INVALID;
  }
  if (!isPlainObject(value)) return NON_OBJECT;
  return { kind: 'record', value };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
