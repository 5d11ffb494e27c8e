/**
 * Where each value of a JSON text sits, so settings can be edited by splicing text instead of re-serialising:
 * a re-serialised file would lose what `JSON.parse` cannot keep (numbers beyond double precision, the order of
 * integer-like keys, duplicate keys, the user's layout).
 */

/** A value and its [start, end) character range in the text. */
export type JsonSpan = ObjectSpan | ArraySpan | ScalarSpan;

/** An object: its members in text order. */
export interface ObjectSpan {
  kind: 'object';
  start: number;
  end: number;
  members: MemberSpan[];
}

/** One `"key": value` member; `start` is where its key's quote opens. */
export interface MemberSpan {
  key: string;
  start: number;
  value: JsonSpan;
}

/** An array: its elements in order. */
export interface ArraySpan {
  kind: 'array';
  start: number;
  end: number;
  elements: JsonSpan[];
}

/** A string, number, boolean or null; `text` is the raw source. */
export interface ScalarSpan {
  kind: 'scalar';
  start: number;
  end: number;
  text: string;
}

/**
 * Scans a text that `JSON.parse` already accepted. Validation stays with `JSON.parse` (its messages are the ones
 * users know); this only measures, and throws if the text is not JSON after all.
 */
export function scanJson(text: string): JsonSpan {
  const scanner = new Scanner(text);
  // A byte-order mark is not whitespace to JSON.parse, so callers strip it before parsing; step over it here.
  if (text.charCodeAt(0) === 0xfeff) scanner.pos = 1;
  scanner.skipSpace();
  const value = scanner.value();
  scanner.skipSpace();
  if (scanner.pos !== text.length) scanner.fail('trailing text');
  return value;
}

/** Decodes a scalar span (`"a\\n"` → `a\n`, `1` → 1). */
export function scalarValue(span: ScalarSpan): unknown {
  return JSON.parse(span.text);
}

/** The member named `key`; the last one wins, as with `JSON.parse`. */
export function findMember(object: ObjectSpan, key: string): MemberSpan | undefined {
  return object.members.findLast((member) => member.key === key);
}

/** Numbers and literals; sticky, so it matches exactly at `lastIndex` whatever the number's length. */
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  value(): JsonSpan {
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(start);
    if (ch === '[') return this.array(start);
    if (ch === '"') {
      this.string();
      return { kind: 'scalar', start, end: this.pos, text: this.text.slice(start, this.pos) };
    }
    SCALAR.lastIndex = this.pos;
    const match = SCALAR.exec(this.text);
    if (!match) this.fail('unexpected character');
    this.pos += match[0].length;
    return { kind: 'scalar', start, end: this.pos, text: match[0] };
  }

  private object(start: number): ObjectSpan {
    this.pos++;
    const members: MemberSpan[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.pos;
      if (this.text[this.pos] !== '"') this.fail('expected a key');
      this.string();
      const key: unknown = JSON.parse(this.text.slice(keyStart, this.pos));
      if (typeof key !== 'string') this.fail('expected a key');
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      members.push({ key, start: keyStart, value: this.value() });
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return { kind: 'object', start, end: this.pos, members };
    }
  }

  private array(start: number): ArraySpan {
    this.pos++;
    const elements: JsonSpan[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', start, end: this.pos, elements };
    }
    for (;;) {
      this.skipSpace();
      elements.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return { kind: 'array', start, end: this.pos, elements };
    }
  }

  private string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') {
        this.pos++;
        return;
      } else this.pos++;
    }
    this.fail('unterminated string');
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] ?? '')) this.pos++;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }

  fail(what: string): never {
    throw new SyntaxError(`${what} at position ${this.pos}`);
  }
}
