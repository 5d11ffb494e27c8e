/** Checkpoints persist exactly what the flush covered, while the run goes on staging more. */
import { describe, expect, it } from 'vitest';
import { SinkError } from '../../src/errors.js';
import { emptySummary } from '../../src/pipeline/summary.js';
import { checkpoint, SinkSet } from '../../src/pipeline/sink-set.js';
import type { Sink } from '../../src/plugins/types.js';
import type { FileCursor, SyncState } from '../../src/state/checkpoint-store.js';

const cursor = (offset: number): FileCursor => ({
  sessionId: 's', kind: 'main', size: offset, mtimeMs: 0, ino: 1, head: 'h', headBytes: 1, offset, projectId: 'p', projectName: 'p', projectPath: '/p', syncedAt: '2026-01-01T00:00:00.000Z',
});

/** A sink whose flush waits until the test lets it finish (or fail). */
function slowSink() {
  let finish: (error?: Error) => void = () => {};
  const sink: Sink = {
    name: 'slow',
    open: async () => {},
    write: async () => {},
    flush: () => new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve()))),
    listSessions: async function* () {},
    updateTitles: async () => {},
    close: async () => {},
  };
  return { sink, finish: (error?: Error) => finish(error) };
}

async function setup() {
  const { sink, finish } = slowSink();
  const sinks = new SinkSet();
  await sinks.open([sink]);
  const state: SyncState = { version: 1, files: { '/a': cursor(10), '/b': cursor(20) } };
  sinks.staged('slow', '/a');
  sinks.staged('slow', '/b');
  const persisted: SyncState[] = [];
  const summary = emptySummary();
  const done = checkpoint(sinks, state, summary, (covered) => persisted.push(structuredClone(covered)));
  // The run goes on while the sink commits: a new transcript and a grown one.
  state.files['/c'] = cursor(30);
  state.files['/a'] = cursor(15);
  sinks.staged('slow', '/c');
  sinks.staged('slow', '/a');
  return { state, finish, done, persisted, summary };
}

describe('checkpoint', () => {
  it('persists the cursors as they stood when the flush began, not what was staged during it', async () => {
    const { finish, done, persisted } = await setup();
    expect(persisted).toEqual([]);
    finish();
    await done;
    expect(persisted).toEqual([{ version: 1, files: { '/a': cursor(10), '/b': cursor(20) } }]);
  });

  it('a failed flush marks what it covered behind, in the persisted state and in the live one', async () => {
    const { state, finish, done, persisted, summary } = await setup();
    finish(new SinkError('slow', 'disk full', { unavailable: false }));
    await done;
    expect(persisted[0]?.files['/a']?.behind).toEqual(['slow']);
    expect(persisted[0]?.files['/b']?.behind).toEqual(['slow']);
    expect(state.files['/a']?.behind).toEqual(['slow']);
    expect(state.files['/c']?.behind).toBeUndefined();
    expect(summary.errors).toEqual([expect.objectContaining({ path: '(sink)', plugin: 'sink:slow' })]);
  });
});
