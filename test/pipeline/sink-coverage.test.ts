/** Sink coverage: a sink the state does not cover is behind on every known transcript; one removed is forgotten. */
import { describe, expect, it } from 'vitest';
import { addedSinks, coverSinks, forgetRemovedSinks } from '../../src/pipeline/sink-coverage.js';
import { planFiles } from '../../src/pipeline/plan.js';
import type { SourceFile } from '../../src/records/types.js';
import type { FileCursor, SyncState } from '../../src/state/checkpoint-store.js';

const file = (name: string): SourceFile => ({ source: 'claude-code', path: `/p/${name}`, root: '/p', projectDir: 'p', kind: 'main', size: 10, mtimeMs: 1, ino: 1 });
const cursor = (behind?: string[]): FileCursor => ({
  sessionId: 's', kind: 'main', size: 10, mtimeMs: 1, ino: 1, head: 'h', headBytes: 10, offset: 10, projectId: 'p', projectName: 'p', projectPath: '/p', syncedAt: 't',
  ...(behind ? { behind } : {}),
});
const state = (sinks: string[] | undefined): SyncState => ({ version: 1, ...(sinks ? { sinks } : {}), files: { '/p/a.jsonl': cursor(), '/p/b.jsonl': cursor(['firestore']) } });

describe('sink coverage', () => {
  it('plans a re-send to an added sink of every known transcript, and nothing for a state that predates the record', () => {
    const files = [file('a.jsonl'), file('b.jsonl'), file('c.jsonl')];
    const planned = planFiles(files, state(['sqlite']), { force: false, project: null, sinks: ['ndjson', 'sqlite'] });
    expect(planned.map((p) => [p.status, p.resend])).toEqual([
      ['unchanged', ['ndjson']],
      ['unchanged', ['firestore', 'ndjson']],
      ['new', undefined],
    ]);
    expect(addedSinks(state(undefined), ['ndjson', 'sqlite'])).toEqual([]);
    expect(planFiles(files, state(undefined), { force: false, project: null, sinks: ['ndjson'] })[0]?.resend).toBeUndefined();
  });

  it('marks the cursors behind on added sinks and records the run sinks; a removed sink is forgotten', () => {
    const s = state(['sqlite', 'firestore']);
    coverSinks(s, ['ndjson', 'sqlite']);
    expect(s.sinks).toEqual(['ndjson', 'sqlite']);
    expect(s.files['/p/a.jsonl']?.behind).toEqual(['ndjson']);
    expect(s.files['/p/b.jsonl']?.behind).toEqual(['firestore', 'ndjson']);
    forgetRemovedSinks(s, new Set(['sqlite']));
    expect(Object.values(s.files).map((c) => c.behind)).toEqual([undefined, undefined]);

    // The same sink writing somewhere else is behind on everything too.
    const moved = state(['firestore demo/(default)', 'sqlite']);
    expect(addedSinks(moved, ['firestore my-project/(default)', 'sqlite'])).toEqual(['firestore']);
    coverSinks(moved, ['firestore my-project/(default)', 'sqlite']);
    expect(moved.files['/p/a.jsonl']?.behind).toEqual(['firestore']);
    expect(moved.sinks).toEqual(['firestore my-project/(default)', 'sqlite']);

    const legacy = state(undefined);
    coverSinks(legacy, ['sqlite']);
    expect(legacy.sinks).toEqual(['sqlite']);
    expect(legacy.files['/p/a.jsonl']?.behind).toBeUndefined();
  });
});
