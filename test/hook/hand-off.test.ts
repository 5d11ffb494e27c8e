import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { handOffIfHookRun } from '../../src/hook/hand-off.js';
import { classifyStdin } from '../../src/hook/hook-payload.js';
import { readHandOff } from '../../src/hook/hook-handoff.js';
import { makeTmpHome, type TmpHome } from '../helpers/tmp-home.js';

let tmp: TmpHome;
afterEach(() => tmp?.[Symbol.dispose]());

const PAYLOAD = { session_id: 'abc', transcript_path: '/home/u/.claude/projects/-p/abc.jsonl', cwd: '/p', hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' };

/** A stand-in worker that reports how it was started: argv, its session id (setsid ⇒ equal to its pid), env. */
function fakeWorker(): { script: string; report: string } {
  const script = path.join(tmp.root, 'worker.mjs');
  const report = path.join(tmp.root, 'worker-report.json');
  writeFileSync(
    script,
    `import { readFileSync, writeFileSync } from 'node:fs';
const stat = () => readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
// The parent lowers our priority just after spawning us: wait (bounded) until that shows.
const until = Date.now() + 5000;
while (Number(stat()[16]) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
const fields = stat();
writeFileSync(${JSON.stringify(report)}, JSON.stringify({ argv: process.argv.slice(2), pid: process.pid, sid: Number(fields[3]), nice: Number(fields[16]), home: process.env.CODE_INSIGHTS_HOME }));
`,
  );
  return { script, report };
}

async function waitForFile(file: string, deadlineMs = 10_000): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text) return text;
    }
    await delay(10);
  }
  throw new Error(`${file} did not appear`);
}

async function handOffWith(stdinText: string | null, extra: { quiet?: boolean; argv?: string[]; binRun?: string; home?: string } = {}): Promise<boolean> {
  const file = path.join(tmp.root, 'stdin.json');
  let fd: number;
  if (stdinText === null) fd = openSync('/dev/null', 'r');
  else {
    writeFileSync(file, stdinText);
    fd = openSync(file, 'r');
  }
  try {
    return await handOffIfHookRun({
      quiet: extra.quiet ?? true,
      home: extra.home ?? tmp.ciHome,
      argv: extra.argv ?? ['-q'],
      env: tmp.env,
      stdin: { fd },
      ...(extra.binRun ? { binRun: extra.binRun } : {}),
    });
  } finally {
    closeSync(fd);
  }
}

describe('classifyStdin', () => {
  it('tells a usable payload, a hook payload without a transcript, and anything else apart', () => {
    expect(classifyStdin(JSON.stringify(PAYLOAD))).toEqual({ kind: 'payload', payload: PAYLOAD });
    expect(classifyStdin(JSON.stringify({ ...PAYLOAD, transcript_path: 'relative.jsonl' })).kind).toBe('unusable-hook');
    expect(classifyStdin(JSON.stringify({ hook_event_name: 'SessionEnd' })).kind).toBe('unusable-hook');
    expect(classifyStdin('{"hello": 1}').kind).toBe('not-a-hook');
    expect(classifyStdin('[1,2]').kind).toBe('not-a-hook');
    expect(classifyStdin('not json').kind).toBe('not-a-hook');
  });
});

describe('handOffIfHookRun', () => {
  it('a SessionEnd payload starts a detached worker that syncs the named transcript first, then returns true', async () => {
    tmp = makeTmpHome();
    const { script, report } = fakeWorker();
    expect(await handOffWith(JSON.stringify(PAYLOAD), { binRun: script })).toBe(true);
    const started = JSON.parse(await waitForFile(report)) as { argv: string[]; pid: number; sid: number; nice: number; home: string };
    expect(started.argv).toEqual(['sync', '-q', '--hook-worker', '--first', PAYLOAD.transcript_path]);
    // Its own session: Claude Code ending or killing the hook's process group does not take the worker with it.
    expect(started.sid).toBe(started.pid);
    // Lower priority: it must not slow Claude Code or other hook runs still starting.
    expect(started.nice).toBe(10);
    expect(started.home).toBe(tmp.ciHome);
    expect(readHandOff(tmp.ciHome)?.transcript).toBe(PAYLOAD.transcript_path);
  });

  it('a hook payload without a usable transcript still goes to the background, without --first', async () => {
    tmp = makeTmpHome();
    const { script, report } = fakeWorker();
    expect(await handOffWith(JSON.stringify({ hook_event_name: 'SessionEnd', session_id: 'x' }), { binRun: script })).toBe(true);
    expect((JSON.parse(await waitForFile(report)) as { argv: string[] }).argv).toEqual(['sync', '-q', '--hook-worker']);
  });

  it.each([
    ['not quiet', JSON.stringify(PAYLOAD), { quiet: false }],
    ['the worker itself', JSON.stringify(PAYLOAD), { argv: ['-q', '--hook-worker'] }],
    ['no stdin (/dev/null)', null, {}],
    ['stdin that is not JSON', 'hello\n', {}],
    ['JSON that is not from a hook', '{"files": []}', {}],
  ])('%s: false, nothing started', async (_name, text, extra) => {
    tmp = makeTmpHome();
    const { script, report } = fakeWorker();
    expect(await handOffWith(text, { ...extra, binRun: script })).toBe(false);
    expect(existsSync(tmp.ciHome)).toBe(false);
    expect(existsSync(report)).toBe(false);
  });

  it('cannot start the worker: still true (exit 0, no hook error in the session), and nothing thrown', async () => {
    tmp = makeTmpHome();
    const home = path.join(tmp.root, 'a-file');
    writeFileSync(home, 'not a directory');
    expect(await handOffWith(JSON.stringify(PAYLOAD), { home })).toBe(true);
  });
});
