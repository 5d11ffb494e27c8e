/** Text edits on a JSON document located by `scanJson`: insert or remove one member or element, in the file's own layout. */
import type { ArraySpan, JsonSpan, ObjectSpan } from './json-spans.js';

/** The indentation step of a document: that of its first indented line, else two spaces. */
export function detectIndentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

/** Adds `"key": value` as the last member of `object`. */
export function insertMember(text: string, object: ObjectSpan, key: string, value: unknown, unit: string): string {
  const last = object.members.at(-1);
  return insertItem(text, object, last ? { start: last.start, end: last.value.end } : undefined, `${JSON.stringify(key)}: `, value, unit);
}

/** Adds `value` as the last element of `array`. */
export function appendElement(text: string, array: ArraySpan, value: unknown, unit: string): string {
  const last = array.elements.at(-1);
  return insertItem(text, array, last ? { start: last.start, end: last.end } : undefined, '', value, unit);
}

/** Removes member `index` of `object` with its separating comma. */
export function removeMember(text: string, object: ObjectSpan, index: number): string {
  const items = object.members.map((member) => ({ start: member.start, end: member.value.end }));
  return removeItem(text, object, items, index);
}

/** Removes element `index` of `array` with its separating comma. */
export function removeElement(text: string, array: ArraySpan, index: number): string {
  return removeItem(text, array, array.elements, index);
}

/** Replaces the text of one value. */
export function replaceValue(text: string, span: JsonSpan, value: unknown): string {
  return text.slice(0, span.start) + JSON.stringify(value) + text.slice(span.end);
}

interface Range {
  start: number;
  end: number;
}

function insertItem(text: string, container: Range, last: Range | undefined, prefix: string, value: unknown, unit: string): string {
  if (last) {
    const indent = ownLineIndent(text, last.start);
    // An item that shares its line with what precedes it means a one-line container: stay on one line.
    if (indent === undefined) return splice(text, last.end, last.end, `,${spaced(text)}${compact(prefix, text)}${JSON.stringify(value)}`);
    return splice(text, last.end, last.end, `,\n${indent}${prefix}${render(value, unit, indent)}`);
  }
  // A one-line document stays on one line, except a bare `{}`, which deserves a readable body.
  const oneLine = !text.trim().includes('\n');
  if (oneLine && text.trim() !== text.slice(container.start, container.end)) {
    return splice(text, container.start + 1, container.end - 1, `${compact(prefix, text)}${JSON.stringify(value)}`);
  }
  const closing = lineIndent(text, container.start);
  const indent = closing + unit;
  return splice(text, container.start + 1, container.end - 1, `\n${indent}${prefix}${render(value, unit, indent)}\n${closing}`);
}

function removeItem(text: string, container: Range, items: Range[], index: number): string {
  const item = items[index];
  if (!item) throw new RangeError(`no item ${index}`);
  if (items.length === 1) return splice(text, container.start + 1, container.end - 1, '');
  const previous = items[index - 1];
  if (previous) return splice(text, previous.end, item.end, '');
  const next = items[index + 1];
  return splice(text, item.start, next ? next.start : item.end, '');
}

/** One-line documents written as `{"a":1,"b":2}` get no spaces from us either. */
function spaced(text: string): string {
  return /[,:] /.test(text) ? ' ' : '';
}

function compact(prefix: string, text: string): string {
  return prefix.endsWith(': ') ? prefix.slice(0, -1) + spaced(text) : prefix;
}

/** Pretty-prints `value` so that its continuation lines sit under `indent`. */
function render(value: unknown, unit: string, indent: string): string {
  return JSON.stringify(value, null, unit).replaceAll('\n', `\n${indent}`);
}

/** The whitespace before `pos` on its line, or undefined when something else precedes it there. */
function ownLineIndent(text: string, pos: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  return lineStart > 0 && /^[ \t]*$/.test(before) ? before : undefined;
}

/** The leading whitespace of the line holding `pos`. */
function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
