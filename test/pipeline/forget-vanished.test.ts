/** forgetVanished: which cursors a run that saw every transcript may drop. */
import { describe, expect, it } from 'vitest';
import { forgetVanished } from '../../src/pipeline/forget-vanished.js';
import type { SourceFile } from '../../src/records/types.js';
import type { FileCursor, SyncState } from '../../src/state/checkpoint-store.js';

const ROOT = '/home/u/.claude';

function file(rel: string, over: Partial<SourceFile> = {}): SourceFile {
  return { source: 'claude-code', path: `${ROOT}/projects/${rel}`, root: ROOT, projectDir: rel.split('/')[0] ?? '', kind: 'main', size: 1, mtimeMs: 1, ino: 1, ...over };
}

function cursor(sessionId: string, kind: FileCursor['kind'] = 'main'): FileCursor {
  return { sessionId, kind, size: 1, mtimeMs: 1, ino: 1, head: 'h', headBytes: 1, offset: 1, projectId: 'p', projectName: 'p', projectPath: '/p', syncedAt: '2026-01-01T00:00:00.000Z' };
}

describe('forgetVanished', () => {
  it('drops the cursors of gone sessions under the roots discovered, and keeps everything else', () => {
    const state: SyncState = {
      version: 1,
      files: {
        [`${ROOT}/projects/a/live.jsonl`]: cursor('live'),
        // Its session still has the main transcript: its fold feeds the session's roll-ups.
        [`${ROOT}/projects/a/live/subagents/agent-1.jsonl`]: cursor('live', 'subagent'),
        // A legacy agent file (no session id in its path) that is still there: its cursor names the session.
        [`${ROOT}/projects/b/agent-legacy.jsonl`]: cursor('old-owner', 'subagent'),
        [`${ROOT}/projects/b/old-owner.jsonl`]: cursor('old-owner'),
        [`${ROOT}/projects/b/gone.jsonl`]: cursor('gone'),
        [`${ROOT}/projects/b/gone/subagents/agent-2.jsonl`]: cursor('gone', 'subagent'),
        // Another config root, absent from this discovery: it may come back.
        ['/mnt/other/.claude/projects/c/elsewhere.jsonl']: cursor('elsewhere'),
        // A root that is a prefix of ours by name only.
        [`${ROOT}-old/projects/d/x.jsonl`]: cursor('x'),
      },
    };
    const files = [file('a/live.jsonl', { sessionId: 'live' }), file('b/agent-legacy.jsonl', { kind: 'subagent' }), file('e/new.jsonl', { sessionId: 'new' })];
    const gone = forgetVanished(files, state);
    expect(gone.sort()).toEqual([`${ROOT}/projects/b/gone.jsonl`, `${ROOT}/projects/b/gone/subagents/agent-2.jsonl`]);
    expect(Object.keys(state.files).sort()).toEqual(
      [
        `${ROOT}/projects/a/live.jsonl`,
        `${ROOT}/projects/a/live/subagents/agent-1.jsonl`,
        `${ROOT}/projects/b/agent-legacy.jsonl`,
        `${ROOT}/projects/b/old-owner.jsonl`,
        '/mnt/other/.claude/projects/c/elsewhere.jsonl',
        `${ROOT}-old/projects/d/x.jsonl`,
      ].sort(),
    );
  });

  it('every cursor found (new transcripts besides): nothing is dropped', () => {
    const state: SyncState = { version: 1, files: { [`${ROOT}/projects/a/x.jsonl`]: cursor('x'), [`${ROOT}/projects/a/x/subagents/agent-1.jsonl`]: cursor('x', 'subagent') } };
    const files = [file('a/x.jsonl', { sessionId: 'x' }), file('a/x/subagents/agent-1.jsonl', { kind: 'subagent', sessionId: 'x' }), file('a/new.jsonl', { sessionId: 'new' })];
    expect(forgetVanished(files, state)).toEqual([]);
    expect(Object.keys(state.files)).toHaveLength(2);
  });

  it('an empty discovery vouches for no root: nothing is dropped', () => {
    const state: SyncState = { version: 1, files: { [`${ROOT}/projects/a/x.jsonl`]: cursor('x') } };
    expect(forgetVanished([], state)).toEqual([]);
    expect(Object.keys(state.files)).toHaveLength(1);
  });
});
