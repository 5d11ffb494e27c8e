/** Streams the complete (`\n`-terminated) lines of a file from a byte offset, never holding the whole file. */
import { closeSync, openSync, readSync } from 'node:fs';

/** Where reading stopped. */
export interface LineReadResult {
  /** Offset just after the last complete line handed out. */
  endOffset: number;
  /** True when no further complete line exists after `endOffset` (an unterminated tail may remain). */
  complete: boolean;
}

const INITIAL_BUFFER = 1 << 20;
/** A scratch buffer grown past this (one huge line) is dropped after use instead of kept. */
const KEEP_BUFFER_MAX = 16 << 20;
const NEWLINE = 10;

// One scratch buffer for every read: parsing is synchronous, so no two reads ever share it at once.
let scratch: Buffer = Buffer.allocUnsafe(INITIAL_BUFFER);

/**
 * Calls `onLine(text, startOffset)` for each complete line from `offset` (text without its `\n`,
 * decoded as UTF-8 with invalid bytes replaced), stopping at the first line boundary at or past
 * `offset + maxBytes`. At least one line is read when one exists, so callers always progress.
 */
export function readCompleteLines(
  filePath: string,
  offset: number,
  maxBytes: number,
  onLine: (text: string, startOffset: number) => void,
): LineReadResult {
  const fd = openSync(filePath, 'r');
  try {
    return readFrom(fd, offset, Math.max(1, maxBytes), onLine);
  } finally {
    closeSync(fd);
    if (scratch.length > KEEP_BUFFER_MAX) scratch = Buffer.allocUnsafe(INITIAL_BUFFER);
  }
}

function readFrom(fd: number, offset: number, maxBytes: number, onLine: (text: string, startOffset: number) => void): LineReadResult {
  let buf = scratch;
  let base = offset; // file offset of buf[0]
  let filled = 0;
  let endOffset = offset;
  let budgetSpent = false;
  for (;;) {
    if (filled === buf.length) {
      // A line longer than the buffer: grow it (keeps the partial line at the front).
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = scratch = bigger;
    }
    const read = readSync(fd, buf, filled, buf.length - filled, base + filled);
    if (read === 0) return { endOffset, complete: true };
    const scanFrom = filled;
    filled += read;
    let start = 0;
    let nl = buf.indexOf(NEWLINE, scanFrom);
    while (nl !== -1 && nl < filled) {
      // Another complete line exists past the budget: say so, and leave it for the next call.
      if (budgetSpent) return { endOffset, complete: false };
      onLine(buf.toString('utf8', start, nl), base + start);
      start = nl + 1;
      endOffset = base + start;
      budgetSpent = endOffset - offset >= maxBytes;
      nl = buf.indexOf(NEWLINE, start);
    }
    // Keep the unterminated remainder at the front of the buffer and read on.
    if (start > 0) {
      buf.copy(buf, 0, start, filled);
      base += start;
      filled -= start;
    }
  }
}
