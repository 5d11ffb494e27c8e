/** A one-line progress bar on a terminal's stderr; silent in pipes, `-q` and `--json` (the caller decides). */
export interface Progress {
  start(total: number): void;
  tick(label?: string): void;
  stop(): void;
}

const WIDTH = 24;
const REDRAW_MS = 100;

export function createProgress(stream: NodeJS.WriteStream & { isTTY?: boolean } = process.stderr): Progress {
  let total = 0;
  let done = 0;
  let lastDraw = 0;
  let shown = false;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * WIDTH);
    stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${done}/${total} transcripts`);
    shown = true;
  };
  return {
    start(n) {
      total = n;
      // Not worth a bar for a handful of files.
      if (n >= 20) draw(true);
    },
    tick() {
      done += 1;
      if (total >= 20) draw();
    },
    stop() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
