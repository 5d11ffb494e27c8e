/**
 * The layout of `sync-state.json`: plain JSON, one transcript's cursor per line.
 *
 *   {"version":1,"sinks":["sqlite"],"files":{
 *   "/path/a.jsonl":{"sessionId":…},
 *   "/path/b.jsonl":{"sessionId":…}
 *   }}
 *
 * Any JSON reader takes it whole. The line layout lets a sync that knows which few transcripts changed (the idle
 * mark tells it) read just their cursors and write the file back with only their lines replaced: for 5,000
 * transcripts that is ~2 MB it neither parses nor serialises on every hook run.
 */
import { isCursor, isSinkList, STATE_VERSION, type FileCursor, type SyncState } from './cursor.js';

const FILES_OPEN = '"files":{\n';
const FOOTER = '\n}}\n';
const SEPARATOR = ',\n';

/** The first line: the version and the other top-level fields, then the opening of `files`. */
function headerOf(state: SyncState): string {
  const top = JSON.stringify({ version: STATE_VERSION, ...(state.sinks ? { sinks: state.sinks } : {}) });
  return `${top.slice(0, -1)},${FILES_OPEN}`;
}

/** One cursor's line (without the separator). */
function entryLine(path: string, cursor: FileCursor): string {
  return `${JSON.stringify(path)}:${JSON.stringify(cursor)}`;
}

/** The whole state in the line layout. */
export function serializeState(state: SyncState): string {
  const lines: string[] = [];
  for (const path of Object.keys(state.files)) lines.push(entryLine(path, state.files[path] as FileCursor));
  return headerOf(state) + lines.join(SEPARATOR) + FOOTER;
}

interface Span {
  start: number;
  end: number;
}

/**
 * A state file's text with the cursors read from it so far. `save` returns the text of a new state in which only
 * the lines of those cursors changed (or went), and new cursors were added at the end.
 */
export class StateText {
  #text: string;
  /** Length of the first line, up to the first cursor's line. */
  #headerLength: number;
  /** Where each read cursor's line is in `#text`. */
  #spans = new Map<string, Span>();
  readonly #bad: (detail: string) => Error;
  /** The state's `sinks`, from the first line. */
  readonly sinks: string[] | undefined;

  private constructor(text: string, headerLength: number, sinks: string[] | undefined, bad: (detail: string) => Error) {
    this.#text = text;
    this.#headerLength = headerLength;
    this.sinks = sinks;
    this.#bad = bad;
  }

  /**
   * Null when the text is not in the line layout of this version (an older file, or one with fields this version
   * does not know): then it is read whole. `bad` makes the error thrown for a line that is not a cursor.
   */
  static from(text: string, bad: (detail: string) => Error): StateText | null {
    const headerLength = text.indexOf('\n') + 1;
    const header = text.slice(0, headerLength);
    if (!header.startsWith('{"version":') || !header.endsWith(`,${FILES_OPEN}`) || !text.endsWith(FOOTER)) return null;
    let top: unknown;
    try {
      top = JSON.parse(`${header.slice(0, -FILES_OPEN.length - 1)}}`);
    } catch {
      return null;
    }
    const { version, sinks, ...other } = top as Record<string, unknown>;
    if (version !== STATE_VERSION || !isSinkList(sinks) || Object.keys(other).length > 0) return null;
    return new StateText(text, headerLength, sinks, bad);
  }

  /** The cursor of `path`, if the state has one. Throws on a line that is not a cursor. */
  cursorOf(path: string): FileCursor | undefined {
    const key = JSON.stringify(path);
    // Lines hold no raw newline (JSON escapes them), so a key at a line start is an entry's key.
    const at = this.#text.indexOf(`\n${key}:`, this.#headerLength - 1);
    if (at < 0) return undefined;
    return this.#read(path, this.#lineAt(at + 1));
  }

  /** Every cursor of the session `sessionId`, by path. */
  cursorsOfSession(sessionId: string): Map<string, FileCursor> {
    const found = new Map<string, FileCursor>();
    const needle = `"sessionId":${JSON.stringify(sessionId)}`;
    for (let at = this.#text.indexOf(needle, this.#headerLength); at >= 0; ) {
      const line = this.#lineAt(this.#text.lastIndexOf('\n', at) + 1);
      const [path, cursor] = this.#entry(line);
      if (cursor.sessionId === sessionId) found.set(path, this.#read(path, line));
      at = this.#text.indexOf(needle, line.end);
    }
    return found;
  }

  /**
   * The text of `state`, which holds exactly the cursors read here (changed, or deleted) plus new ones: every
   * other line is kept as it is. Afterwards this object describes the new text.
   */
  save(state: SyncState): string {
    const text = this.#text;
    const read = [...this.#spans].sort((a, b) => a[1].start - b[1].start);
    const parts: Array<{ path: string | null; line: string }> = [];
    let from = this.#headerLength;
    for (const [path, span] of read) {
      // The untouched lines between two read ones, separators included, stay one part.
      if (span.start - SEPARATOR.length > from) parts.push({ path: null, line: text.slice(from, span.start - SEPARATOR.length) });
      const cursor = state.files[path];
      if (cursor) parts.push({ path, line: entryLine(path, cursor) });
      from = span.end + SEPARATOR.length;
    }
    const end = text.length - FOOTER.length;
    if (end > from) parts.push({ path: null, line: text.slice(from, end) });
    for (const path of Object.keys(state.files)) {
      if (!this.#spans.has(path)) parts.push({ path, line: entryLine(path, state.files[path] as FileCursor) });
    }

    const header = headerOf(state);
    this.#spans = new Map();
    let at = header.length;
    for (const [i, part] of parts.entries()) {
      if (i > 0) at += SEPARATOR.length;
      if (part.path !== null) this.#spans.set(part.path, { start: at, end: at + part.line.length });
      at += part.line.length;
    }
    this.#text = header + parts.map((part) => part.line).join(SEPARATOR) + FOOTER;
    this.#headerLength = header.length;
    return this.#text;
  }

  #lineAt(start: number): Span {
    const end = this.#text.indexOf('\n', start);
    // Every line but the last entry's ends with the separator's comma.
    return { start, end: this.#text.charCodeAt(end - 1) === 44 /* , */ ? end - 1 : end };
  }

  #entry(span: Span): [string, FileCursor] {
    let entries: Array<[string, unknown]>;
    try {
      entries = Object.entries(JSON.parse(`{${this.#text.slice(span.start, span.end)}}`) as object);
    } catch (error) {
      throw this.#bad((error as Error).message);
    }
    const [path, cursor] = entries[0] ?? [];
    if (entries.length !== 1 || path === undefined || !isCursor(cursor)) throw this.#bad(`bad entry at character ${span.start}`);
    return [path, cursor];
  }

  #read(path: string, span: Span): FileCursor {
    const [key, cursor] = this.#entry(span);
    if (key !== path) throw this.#bad(`bad entry at character ${span.start}`);
    this.#spans.set(path, span);
    return cursor;
  }
}
