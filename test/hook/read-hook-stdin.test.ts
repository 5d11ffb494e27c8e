import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readHookStdin, STDIN_WAIT_MS } from '../../src/hook/read-hook-stdin.js';
import { makeTmpHome, REPO_ROOT, type TmpHome } from '../helpers/tmp-home.js';
import { assertBuilt } from './built-cli.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

const PAYLOAD = JSON.stringify({ session_id: 's', transcript_path: '/x/s.jsonl', cwd: '/x', hook_event_name: 'SessionEnd', reason: 'other' });

describe('readHookStdin (in process)', () => {
  it('/dev/null and other character devices carry no payload', async () => {
    const fd = openSync('/dev/null', 'r');
    try {
      expect(await readHookStdin({ fd })).toBeNull();
    } finally {
      closeSync(fd);
    }
  });

  it('a regular file is read directly', async () => {
    tmp = makeTmpHome();
    const file = path.join(tmp.root, 'payload.json');
    writeFileSync(file, PAYLOAD);
    const fd = openSync(file, 'r');
    try {
      expect(await readHookStdin({ fd })).toBe(PAYLOAD);
    } finally {
      closeSync(fd);
    }
  });

  describe('a pipe', () => {
    let fifo: string;
    let fifoHome: TmpHome;
    beforeAll(() => {
      fifoHome = makeTmpHome();
      fifo = path.join(fifoHome.root, 'fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    });
    afterAll(() => fifoHome[Symbol.dispose]());
    const openFifo = () => openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);

    it('that stays open and silent gives up after the wait', async () => {
      const fd = openFifo();
      const stream = new PassThrough();
      const started = performance.now();
      try {
        expect(await readHookStdin({ fd, stream: () => stream, waitMs: 60 })).toBeNull();
      } finally {
        closeSync(fd);
      }
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(55);
      expect(elapsed).toBeLessThan(1000);
      expect(stream.destroyed).toBe(true);
    });

    it('returns as soon as a complete JSON object arrived, without waiting for EOF', async () => {
      const fd = openFifo();
      const stream = new PassThrough();
      try {
        const reading = readHookStdin({ fd, stream: () => stream, waitMs: 60_000 });
        stream.write(PAYLOAD.slice(0, 10));
        stream.write(PAYLOAD.slice(10));
        expect(await reading).toBe(PAYLOAD);
      } finally {
        closeSync(fd);
      }
    });

    it('that closes empty gives null at once', async () => {
      const fd = openFifo();
      const stream = new PassThrough();
      try {
        const reading = readHookStdin({ fd, stream: () => stream, waitMs: 60_000 });
        stream.end();
        expect(await reading).toBeNull();
      } finally {
        closeSync(fd);
      }
    });
  });
});

/** Runs the built module in a child whose real stdin is what `stdin` says; resolves with its output and wall time. */
function childRead(stdin: 'pipe-open-silent' | 'pipe-payload-open' | 'devnull' | 'pipe-closed'): Promise<{ out: string; ms: number; code: number | null }> {
  const module = pathToFileURL(path.join(REPO_ROOT, 'build/src/hook/read-hook-stdin.js')).href;
  const script = `const { readHookStdin } = await import(${JSON.stringify(module)}); const t = performance.now(); const text = await readHookStdin(); process.stdout.write(JSON.stringify({ text, ms: performance.now() - t }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: [stdin === 'devnull' ? 'ignore' : 'pipe', 'pipe', 'inherit'] });
  if (stdin === 'pipe-payload-open') child.stdin?.write(PAYLOAD);
  if (stdin === 'pipe-closed') child.stdin?.end();
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const started = performance.now();
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      // The parent keeps its end open the whole time: the child must exit on its own.
      child.stdin?.destroy();
      resolve({ out, ms: performance.now() - started, code });
    });
  });
}

describe('readHookStdin on the real process stdin (built module)', () => {
  beforeAll(() => assertBuilt(['hook/read-hook-stdin.ts']));

  it('an open pipe with no data: null within the bound, and the process still exits', async () => {
    const result = await childRead('pipe-open-silent');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as { text: string | null; ms: number };
    expect(parsed.text).toBeNull();
    // It waits STDIN_WAIT_MS (80 ms), not for an EOF that never comes; the slack is for a loaded CI machine.
    expect(parsed.ms).toBeGreaterThanOrEqual(STDIN_WAIT_MS - 5);
    expect(parsed.ms).toBeLessThan(1000);
  });

  it('a payload on a pipe that is never closed is read', async () => {
    const result = await childRead('pipe-payload-open');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { text: string }).text).toBe(PAYLOAD);
  });

  it.each(['devnull', 'pipe-closed'] as const)('%s: null', async (kind) => {
    const result = await childRead(kind);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { text: string | null }).text).toBeNull();
  });
});
