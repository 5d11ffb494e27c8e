/** partialPlan: which cursors a run reads when the idle mark vouches for all but a few transcripts. */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashHead, HEAD_BYTES } from '../../src/pipeline/head-hash.js';
import type { SourceFile } from '../../src/records/types.js';
import { saveState, stateStamp, statePath, type FileCursor, type SyncState } from '../../src/state/checkpoint-store.js';
import { idleKey, leaveIdleMark, readIdleMark } from '../../src/sync/idle-mark.js';
import { partialPlan } from '../../src/sync/partial-plan.js';

const SINKS = ['sqlite'];

let root: string;
let home: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ci-partial-'));
  home = path.join(root, 'ci-home');
  dir = path.join(root, 'claude/projects/p');
  mkdirSync(path.join(dir, 's1/subagents'), { recursive: true });
  mkdirSync(home);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A transcript on disk as discovery reports it (legacy agent files name no session). */
function transcript(rel: string, kind: SourceFile['kind'], sessionId: string | undefined, content = '{"type":"user"}\n'): SourceFile {
  const file = path.join(dir, rel);
  writeFileSync(file, content);
  return discovered(file, kind, sessionId);
}

function discovered(file: string, kind: SourceFile['kind'], sessionId: string | undefined): SourceFile {
  const st = statSync(file);
  return { source: 'claude-code', path: file, root: path.join(root, 'claude'), projectDir: 'p', kind, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, ...(sessionId ? { sessionId } : {}) };
}

function cursorOf(file: SourceFile, sessionId: string): FileCursor {
  const headBytes = Math.min(HEAD_BYTES, file.size);
  return { sessionId, kind: file.kind, size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, head: hashHead(file.path, headBytes), headBytes, offset: file.size, projectId: 'p', projectName: 'p', projectPath: '/w/p', syncedAt: '2026-01-01T00:00:00.000Z' };
}

/** Saves a state with a cursor per file (and `extra` ones) and leaves the mark a settled sync would leave. */
function settle(files: Array<[SourceFile, string]>, extra: Record<string, FileCursor> = {}): SyncState {
  const state: SyncState = { version: 1, files: { ...Object.fromEntries(files.map(([f, sid]) => [f.path, cursorOf(f, sid)])), ...extra } };
  saveState(home, state);
  leaveIdleMark(home, idleKey(stateStamp(home) as string, files.map(([f]) => f), SINKS));
  return state;
}

function grow(file: SourceFile): SourceFile {
  appendFileSync(file.path, '{"type":"assistant"}\n');
  return discovered(file.path, file.kind, file.sessionId);
}

describe('partialPlan', () => {
  it('reads the changed transcripts and their sessions, plans those discovered, and counts the rest as vouched for', () => {
    const s1 = transcript('s1.jsonl', 'main', 's1');
    const agent = transcript('s1/subagents/agent-a.jsonl', 'subagent', 's1');
    const s2 = transcript('s2.jsonl', 'main', 's2');
    const legacy = transcript('agent-0a1b2c3d.jsonl', 'subagent', undefined);
    const s3 = transcript('s3.jsonl', 'main', 's3');
    // A transcript of s1 that is gone, kept for its session's roll-ups: read, not planned.
    const gone = cursorOf(agent, 's1');
    const state = settle([[s1, 's1'], [agent, 's1'], [s2, 's2'], [legacy, 's2'], [s3, 's3']], { '/gone/agent-b.jsonl': gone });
    const stamp = stateStamp(home) as string;
    expect(partialPlan(home, readIdleMark(home), stamp, [s1, agent, s2, legacy, s3], SINKS)).toBeNull(); // nothing changed

    const grownAgent = grow(agent);
    const plan = partialPlan(home, readIdleMark(home), stamp, [s1, grownAgent, s2, legacy, s3], SINKS);
    expect(plan?.state.files).toEqual({ [s1.path]: state.files[s1.path], [agent.path]: state.files[agent.path], '/gone/agent-b.jsonl': gone });
    expect(plan?.planned.map((p) => [p.file.path, p.status, p.startOffset])).toEqual([
      [s1.path, 'unchanged', 0],
      [agent.path, 'grown', agent.size],
    ]);
    expect(plan?.vouched).toBe(3);

    // A legacy agent file names its session in its cursor; a new subagent file in its folder.
    const fresh = transcript('s1/subagents/agent-new.jsonl', 'subagent', 's1');
    const both = partialPlan(home, readIdleMark(home), stamp, [s1, agent, s2, grow(legacy), s3, fresh], SINKS);
    expect(both?.planned.map((p) => [path.basename(p.file.path), p.status])).toEqual([
      ['s1.jsonl', 'unchanged'],
      ['agent-a.jsonl', 'unchanged'],
      ['s2.jsonl', 'unchanged'],
      ['agent-0a1b2c3d.jsonl', 'grown'],
      ['agent-new.jsonl', 'new'],
    ]);
    expect(both?.vouched).toBe(1);
  });

  it('plans everything when a new legacy agent file, a vanished transcript, too many changes or an old state file say so', () => {
    const s1 = transcript('s1.jsonl', 'main', 's1');
    const s2 = transcript('s2.jsonl', 'main', 's2');
    const state = settle([[s1, 's1'], [s2, 's2']]);
    const stamp = stateStamp(home) as string;
    expect(partialPlan(home, readIdleMark(home), stamp, [grow(s1), s2], SINKS)).not.toBeNull();
    expect(partialPlan(home, readIdleMark(home), stamp, [s1, s2, transcript('agent-9f8e7d6c.jsonl', 'subagent', undefined)], SINKS)).toBeNull();
    expect(partialPlan(home, readIdleMark(home), stamp, [grow(s1)], SINKS)).toBeNull();
    const many = Array.from({ length: 65 }, (_, i) => transcript(`n${i}.jsonl`, 'main', `n${i}`));
    expect(partialPlan(home, readIdleMark(home), stamp, [s1, s2, ...many], SINKS)).toBeNull();
    expect(partialPlan(home, readIdleMark(home), stamp, [s1, s2, ...many.slice(0, 64)], SINKS)?.planned).toHaveLength(64);

    // Written by an older version: one line.
    writeFileSync(statePath(home), JSON.stringify(state));
    const oldStamp = stateStamp(home) as string;
    leaveIdleMark(home, idleKey(oldStamp, [s1, s2], SINKS));
    expect(partialPlan(home, readIdleMark(home), oldStamp, [grow(s1), s2], SINKS)).toBeNull();
  });
});
