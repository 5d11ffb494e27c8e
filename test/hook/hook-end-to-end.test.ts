/**
 * The hook as Claude Code runs it: the command read from the installed settings file, spawned exactly as written
 * through sh, a SessionEnd payload on stdin. It must return at once, print nothing, and the session must land.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpHome, REAL_FIXTURES, type TmpHome } from '../helpers/tmp-home.js';
import { assertBuilt, BIN_RUN } from './built-cli.js';

let tmp: TmpHome;
afterEach(async () => {
  // Background workers may still be finishing their catch-up: let them exit before the dir goes.
  if (tmp) await waitUntil(() => workersDone(tmp.ciHome), 60_000).catch(() => undefined);
  tmp?.[Symbol.dispose]();
});
beforeAll(() => assertBuilt(['hook', 'commands/install-hook.ts', 'commands/sync.ts']));

/** Real transcripts with distinct session ids (the claude_p one has a subagent file beside it). */
const FIXTURE_SESSIONS = [
  { dir: '-src-experiments-claude_p', id: '29ccd257-68b1-427f-ae5f-6524b7cb6f20', subagents: true },
  { dir: '-experiments-ideas', id: '03eb5929-52b3-4b13-ada3-b93ae35806b8', subagents: false },
  { dir: '-Users-dain-workspace-JSSoundRecorder', id: '7acd37a8-2745-4b58-a8a9-46164b22ad9e', subagents: false },
  { dir: '-Users-dain-workspace-claude-code-log-sample', id: 'fe869ecb-c176-478f-9734-7e4b8ef12cff', subagents: false },
];

function copySession(session: (typeof FIXTURE_SESSIONS)[number]): string {
  const from = path.join(REAL_FIXTURES, 'projects', session.dir);
  const to = path.join(tmp.claudeDir, 'projects', session.dir);
  mkdirSync(to, { recursive: true });
  cpSync(path.join(from, `${session.id}.jsonl`), path.join(to, `${session.id}.jsonl`));
  if (session.subagents) cpSync(path.join(from, session.id), path.join(to, session.id), { recursive: true });
  return path.join(to, `${session.id}.jsonl`);
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN_RUN, ...args], { cwd: tmp.root, env: tmp.env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command string exactly as install-hook wrote it into the settings file. */
function installedCommand(): string {
  expect(cli(['install-hook']).code).toBe(0);
  const settings = JSON.parse(readFileSync(path.join(tmp.claudeDir, 'settings.json'), 'utf8')) as {
    hooks: { SessionEnd: Array<{ hooks: Array<{ command: string }> }> };
  };
  const command = settings.hooks.SessionEnd[0]?.hooks[0]?.command;
  if (!command) throw new Error('no hook command installed');
  return command;
}

/** Runs the hook command like Claude Code: sh -c, payload on stdin, stdin left open (Claude Code does not always close it). */
function runHook(command: string, transcript: string, sessionId: string): Promise<{ code: number | null; stdout: string; ms: number }> {
  const started = performance.now();
  const child = spawn('/bin/sh', ['-c', command], { cwd: tmp.root, env: tmp.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.write(JSON.stringify({ session_id: sessionId, transcript_path: transcript, cwd: tmp.root, hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' }));
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => {
    // 'exit', not 'close': the detached worker must not hold the hook's pipes open.
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      child.stdin.destroy();
      resolve({ code, stdout, ms });
    });
  });
}

function storedSessionIds(): string[] {
  const result = cli(['sessions', '--json']);
  if (result.code !== 0) return [];
  return (JSON.parse(result.stdout) as Array<{ id: string }>).map((session) => session.id);
}

/**
 * True once no background worker runs for this state directory. A worker records its run in hook-state.json after
 * it has released the sync lock, so a free lock is not enough: on Linux the workers are found by the
 * CODE_INSIGHTS_HOME in their environment; elsewhere a free lock and a recorded run have to do.
 */
function workersDone(home: string): boolean {
  if (!existsSync('/proc/self/environ')) return !lockHeld(home) && existsSync(path.join(home, 'hook-state.json'));
  const marker = `CODE_INSIGHTS_HOME=${home}\0`;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker) && readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('\0--hook-worker\0')) return false;
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return true;
}

function lockHeld(home: string): boolean {
  try {
    return readdirSync(home).includes('sync.lock');
  } catch {
    return false;
  }
}

async function waitUntil(ok: () => boolean, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${deadlineMs} ms`);
    await delay(50);
  }
}

describe('the installed SessionEnd hook, end to end', () => {
  it('returns at once with no output, and the session lands in the store shortly after', async () => {
    tmp = makeTmpHome();
    const session = FIXTURE_SESSIONS[0];
    if (!session) throw new Error('fixture list empty');
    const transcript = copySession(session);
    const command = installedCommand();
    const result = await runHook(command, transcript, session.id);
    const returnedAt = Date.now();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    await waitUntil(() => storedSessionIds().includes(session.id), 60_000);
    await waitUntil(() => !lockHeld(tmp.ciHome), 60_000);
    type Status = { hook: { installed: Array<{ scope: string; file: string }>; lastRun: { exitCode: number; transcript: string; finishedAt: string } | null } };
    const status = (): Status => JSON.parse(cli(['status', '--json']).stdout) as Status;
    expect(status().hook.installed).toEqual([{ scope: 'user', file: path.join(tmp.claudeDir, 'settings.json') }]);
    await waitUntil(() => status().hook.lastRun !== null, 30_000);
    const lastRun = status().hook.lastRun;
    // The sync ran in the background worker and finished after the hook command had already returned.
    expect(lastRun).toMatchObject({ exitCode: 0, transcript });
    expect(Date.parse(lastRun?.finishedAt ?? '')).toBeGreaterThanOrEqual(returnedAt - 1);
    // Claude Code's budget for all SessionEnd hooks is 1.5 s. Alone the hook returns in ~0.3-0.5 s
    // (bench/hook-latency.mjs); beside other process-spawning tests on a small machine a single run can be
    // descheduled, so the best of up to three runs is held to the budget.
    const times = [result.ms];
    while (Math.min(...times) >= 1500 && times.length < 3) {
      await waitUntil(() => !lockHeld(tmp.ciHome), 60_000);
      times.push((await runHook(command, transcript, session.id)).ms);
    }
    expect(Math.min(...times)).toBeLessThan(1500);
  });

  it('several sessions ending at once: every one lands, and the state files stay valid', async () => {
    tmp = makeTmpHome();
    const transcripts = FIXTURE_SESSIONS.map((session) => ({ session, transcript: copySession(session) }));
    const command = installedCommand();
    const results = await Promise.all(transcripts.map(({ session, transcript }) => runHook(command, transcript, session.id)));
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
    }
    await waitUntil(() => {
      const ids = storedSessionIds();
      return FIXTURE_SESSIONS.every((session) => ids.includes(session.id));
    }, 90_000);
    await waitUntil(() => workersDone(tmp.ciHome), 60_000);
    expect(() => JSON.parse(readFileSync(path.join(tmp.ciHome, 'sync-state.json'), 'utf8'))).not.toThrow();
    const hookState = JSON.parse(readFileSync(path.join(tmp.ciHome, 'hook-state.json'), 'utf8')) as { version: number };
    expect(hookState.version).toBe(1);
    expect(cli(['sync', '--json']).code).toBe(0);
  });

  it('sync -q with an open pipe and no hook JSON (CI) does not hang: it syncs in the foreground', async () => {
    tmp = makeTmpHome();
    const session = FIXTURE_SESSIONS[1];
    if (!session) throw new Error('fixture list empty');
    copySession(session);
    const child = spawn(process.execPath, [BIN_RUN, 'sync', '-q'], { cwd: tmp.root, env: tmp.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(stdout).toBe('');
    // Foreground: the session is stored by the time the command returned.
    expect(storedSessionIds()).toContain(session.id);
  });
});
