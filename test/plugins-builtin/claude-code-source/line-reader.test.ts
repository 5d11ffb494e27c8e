/** Line reading: complete lines only, from any offset, about maxBytes at a time; line classification per CORPUS.md. */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCompleteLines } from '../../../plugins-builtin/claude-code-source/line-reader.js';
import { parseLine } from '../../../plugins-builtin/claude-code-source/parse-line.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ccs-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const p = path.join(dir, `f${n++}.jsonl`);
  writeFileSync(p, content);
  return p;
}
function readAll(p: string, offset = 0, maxBytes = Number.MAX_SAFE_INTEGER) {
  const lines: Array<[string, number]> = [];
  const result = readCompleteLines(p, offset, maxBytes, (text, start) => lines.push([text, start]));
  return { lines, ...result };
}

describe('parseLine', () => {
  it('strips a BOM only on the first line and one trailing \\r', () => {
    expect(parseLine('\uFEFF{"a":1}', true)).toEqual({ kind: 'record', value: { a: 1 } });
    expect(parseLine('\uFEFF{"a":1}', false)).toEqual({ kind: 'invalidJson' });
    expect(parseLine('{"a":1}\r', false)).toEqual({ kind: 'record', value: { a: 1 } });
    // A second \r is JSON whitespace, as in the verifier: still a record.
    expect(parseLine('{"a":1}\r\r', false)).toEqual({ kind: 'record', value: { a: 1 } });
    expect(parseLine('"x"\r', false)).toEqual({ kind: 'nonObject' });
    expect(parseLine('\uFEFF{"a":1}\r', true)).toEqual({ kind: 'record', value: { a: 1 } });
  });

  it.each([
    ['', 'blank'],
    ['\r', 'blank'],
    ['  \t ', 'blank'],
    ['\uFEFF', 'blank'],
    ['{"type":"user",}', 'invalidJson'],
    ["{'type':'user'}", 'invalidJson'],
    ['{"type":"user","uuid":"x"}{"type":"user","uuid":"y"}', 'invalidJson'],
    ['\u0000\u0001 binary noise', 'invalidJson'],
    ['{"type":"assistant","message":{"id":"msg_trunc', 'invalidJson'],
    ['[1,2,3]', 'nonObject'],
    ['[{"type":"user"}]', 'nonObject'],
    ['"just a string"', 'nonObject'],
    ['42', 'nonObject'],
    ['null', 'nonObject'],
    ['true', 'nonObject'],
  ])('%j is %s', (line, kind) => {
    expect(parseLine(line, true).kind).toBe(kind);
  });

  it('keeps any object, whatever its fields', () => {
    expect(parseLine('{}', false)).toEqual({ kind: 'record', value: {} });
    expect(parseLine(' {"type":"future-thing"} ', false)).toEqual({ kind: 'record', value: { type: 'future-thing' } });
  });
});

describe('readCompleteLines', () => {
  it('hands out complete lines with their offsets and holds back an unterminated tail', () => {
    const p = file('{"a":1}\n\n{"b":2}\r\n{"c":');
    const r = readAll(p);
    expect(r.lines).toEqual([['{"a":1}', 0], ['', 8], ['{"b":2}\r', 9]]);
    expect(r).toMatchObject({ endOffset: 18, complete: true });
    // The writer finishes the line: reading from the cursor picks up exactly it.
    appendFileSync(p, '3}\n');
    expect(readAll(p, r.endOffset)).toEqual({ lines: [['{"c":3}', 18]], endOffset: 26, complete: true });
    expect(readAll(p, 26)).toEqual({ lines: [], endOffset: 26, complete: true });
  });

  it('stops at the first line boundary past maxBytes and says whether more complete lines exist', () => {
    const p = file('aaaa\nbbbb\ncccc\ndd');
    expect(readAll(p, 0, 1)).toEqual({ lines: [['aaaa', 0]], endOffset: 5, complete: false });
    expect(readAll(p, 0, 6)).toEqual({ lines: [['aaaa', 0], ['bbbb', 5]], endOffset: 10, complete: false });
    // Only the unterminated tail is left after the budget: complete.
    expect(readAll(p, 5, 10)).toEqual({ lines: [['bbbb', 5], ['cccc', 10]], endOffset: 15, complete: true });
  });

  it('reads lines longer than its buffer, and finds the next line after a long one when the budget is spent', () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const p = file(`a\n${long}\nb\n${long}`);
    const r = readAll(p);
    expect(r.lines.map(([t, s]) => [t.length, s])).toEqual([[1, 0], [long.length, 2], [1, long.length + 3]]);
    expect(r).toMatchObject({ endOffset: long.length + 5, complete: true });
    expect(readAll(p, 0, 1)).toMatchObject({ endOffset: 2, complete: false });
    expect(readAll(p, 2, 1)).toMatchObject({ endOffset: long.length + 3, complete: false });
  });

  it('decodes UTF-8 across buffer refills and replaces invalid bytes instead of failing', () => {
    const text = 'é🚀日本語'.repeat(200_000);
    const p = file(Buffer.concat([Buffer.from(`${text}\n`), Buffer.from([0xff, 0xfe, 0x0a])]));
    const r = readAll(p);
    expect(r.lines[0]![0]).toBe(text);
    expect(r.lines[1]![0]).toBe('\uFFFD\uFFFD');
  });

  it('decodes each line as if on its own: an invalid or cut sequence at a line end never takes the newline', () => {
    const lines = [[0xe2, 0x82], [0xf0, 0x9f], [0x80, 0x41], [0xc3], [0xe6, 0x97, 0xa5], [], [0xed, 0xa0, 0x80]].map((bytes) => Buffer.from(bytes));
    const p = file(Buffer.concat(lines.flatMap((line) => [line, Buffer.from([0x0a])])));
    const alone = lines.map((line) => line.toString('utf8'));
    expect(readAll(p).lines.map(([text]) => text)).toEqual(alone);
    const starts: number[] = [];
    for (let i = 0, at = 0; i < lines.length; at += (lines[i] as Buffer).length + 1, i += 1) starts.push(at);
    expect(readAll(p).lines.map(([, at]) => at)).toEqual(starts);
    // One line at a time, the offsets agree.
    expect(readAll(p, 3, 1)).toEqual({ lines: [[alone[1], 3]], endOffset: 6, complete: false });
  });

  it('is complete at once on an empty file or one without any newline', () => {
    expect(readAll(file(''))).toEqual({ lines: [], endOffset: 0, complete: true });
    expect(readAll(file('{"partial":'))).toEqual({ lines: [], endOffset: 0, complete: true });
  });
});
