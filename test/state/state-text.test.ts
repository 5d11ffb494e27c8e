/** The state file's line layout: read a few cursors, write back only their lines, and stay plain JSON throughout. */
import { describe, expect, it } from 'vitest';
import type { FileCursor, SyncState } from '../../src/state/cursor.js';
import { serializeState, StateText } from '../../src/state/state-text.js';

const cursor = (sessionId: string, offset: number, over: Partial<FileCursor> = {}): FileCursor => ({
  sessionId,
  kind: 'main',
  size: offset,
  mtimeMs: 1_700_000_000_123.5,
  ino: 42,
  head: 'abc',
  headBytes: 10,
  offset,
  projectId: 'p',
  projectName: 'proj',
  projectPath: '/w/proj',
  syncedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const bad = (detail: string) => new Error(`corrupt: ${detail}`);
const bytesOf = (text: string) => Buffer.from(text);

function stateOf(entries: Array<[string, FileCursor]>): SyncState {
  return { version: 1, files: Object.fromEntries(entries) };
}

// Paths JSON has to escape, so a lookup by raw text would miss them.
const odd = ['/w/a "quoted".jsonl', '/w/back\\slash.jsonl', '/w/new\nline.jsonl', '/w/ünï-cödé.jsonl'];

const full = stateOf([
  ['/w/s1.jsonl', cursor('s1', 100)],
  ['/w/s1/subagents/agent-a.jsonl', cursor('s1', 50, { kind: 'subagent' })],
  ['/w/s2.jsonl', cursor('s2', 200)],
  ...odd.map((p, i): [string, FileCursor] => [p, cursor(`odd${i}`, i + 1)]),
  ['/w/s3.jsonl', cursor('s3', 300)],
]);

describe('serializeState', () => {
  it('is JSON that reads back as the same state, one cursor per line', () => {
    const text = serializeState(full);
    expect(JSON.parse(text)).toEqual(full);
    expect(text.split('\n')).toHaveLength(Object.keys(full.files).length + 3);
    expect(JSON.parse(serializeState(stateOf([])))).toEqual(stateOf([]));
  });
});

describe('StateText', () => {
  it('finds a cursor by path, odd characters included, and every cursor of a session', () => {
    const text = StateText.from(bytesOf(serializeState(full)), bad);
    expect(text).not.toBeNull();
    for (const p of Object.keys(full.files)) expect(text?.cursorOf(p)).toEqual(full.files[p]);
    expect(text?.cursorOf('/w/missing.jsonl')).toBeUndefined();
    expect(text?.cursorOf('/w/s1')).toBeUndefined();
    expect([...(text?.cursorsOfSession('s1') ?? [])]).toEqual([
      ['/w/s1.jsonl', full.files['/w/s1.jsonl']],
      ['/w/s1/subagents/agent-a.jsonl', full.files['/w/s1/subagents/agent-a.jsonl']],
    ]);
    // Another field holding the id (here a path) is not the session's.
    expect(text?.cursorsOfSession('w').size).toBe(0);
    expect(text?.cursorsOfSession('nobody').size).toBe(0);
  });

  it('saves changed, new and dropped cursors exactly as serialising the whole new state would', () => {
    const read = ['/w/s1.jsonl', '/w/s2.jsonl', odd[2] as string, '/w/s3.jsonl'];
    const cases: Array<(s: SyncState) => void> = [
      (s) => (s.files['/w/s2.jsonl'] = cursor('s2', 250)),
      (s) => (s.files['/w/new.jsonl'] = cursor('n', 1)),
      (s) => delete s.files['/w/s1.jsonl'], // the first line
      (s) => delete s.files['/w/s3.jsonl'], // the last line
      (s) => {
        for (const p of read) delete s.files[p];
      },
      (s) => {
        delete s.files['/w/s2.jsonl'];
        s.files['/w/s3.jsonl'] = cursor('s3', 333, { behind: ['firestore'] });
        s.files['/w/new.jsonl'] = cursor('n', 1);
        s.files['/w/new2.jsonl'] = cursor('n', 2);
      },
    ];
    for (const change of cases) {
      const text = StateText.from(bytesOf(serializeState(full)), bad) as StateText;
      const partial = stateOf([]);
      for (const p of read) partial.files[p] = text.cursorOf(p) as FileCursor;
      change(partial);
      // As the whole new state would be serialised: kept cursors where they were, new ones last.
      const ordered = stateOf([]);
      for (const p of Object.keys(full.files)) {
        const kept = read.includes(p) ? partial.files[p] : full.files[p];
        if (kept) ordered.files[p] = kept;
      }
      for (const [p, c] of Object.entries(partial.files)) if (!(p in full.files)) ordered.files[p] = c;
      expect(Buffer.concat(text.save(partial)).toString()).toBe(serializeState(ordered));
    }
  });

  it('saves again after a save, from the text it produced', () => {
    const text = StateText.from(bytesOf(serializeState(full)), bad) as StateText;
    const partial = stateOf([['/w/s2.jsonl', text.cursorOf('/w/s2.jsonl') as FileCursor]]);
    partial.files['/w/s2.jsonl'] = cursor('s2', 201);
    partial.files['/w/new.jsonl'] = cursor('n', 1);
    text.save(partial);
    partial.files['/w/s2.jsonl'] = cursor('s2', 202);
    partial.files['/w/new.jsonl'] = cursor('n', 2);
    const saved = JSON.parse(Buffer.concat(text.save(partial)).toString()) as SyncState;
    expect(saved.files['/w/s2.jsonl']?.offset).toBe(202);
    expect(saved.files['/w/new.jsonl']?.offset).toBe(2);
    expect(Object.keys(saved.files)).toEqual([...Object.keys(full.files), '/w/new.jsonl']);
  });

  it('keeps the sinks on the first line, and writes the sinks of the state it saves', () => {
    const withSinks: SyncState = { ...full, sinks: ['sqlite'] };
    expect(JSON.parse(serializeState(withSinks))).toEqual(withSinks);
    const text = StateText.from(bytesOf(serializeState(withSinks)), bad) as StateText;
    expect(text.sinks).toEqual(['sqlite']);
    const partial: SyncState = { version: 1, sinks: ['firestore', 'sqlite'], files: { '/w/s2.jsonl': text.cursorOf('/w/s2.jsonl') as FileCursor } };
    expect(Buffer.concat(text.save(partial)).toString()).toBe(serializeState({ ...full, sinks: ['firestore', 'sqlite'] }));
    expect(text.cursorOf('/w/s3.jsonl')).toEqual(full.files['/w/s3.jsonl']);
    expect(StateText.from(bytesOf(serializeState(full)), bad)?.sinks).toBeUndefined();
    // A top-level field this version does not know would be lost by a partial save: such a file is read whole.
    expect(StateText.from(bytesOf(serializeState(full).replace('{"version":1,', '{"version":1,"future":true,')), bad)).toBeNull();
  });

  it('takes only its own layout, and reports a line that is not a cursor with the given error', () => {
    expect(StateText.from(bytesOf(JSON.stringify(full)), bad)).toBeNull();
    expect(StateText.from(bytesOf(serializeState(full).replace('{"version":1', '{"version":2')), bad)).toBeNull();
    const broken = serializeState(full).replace('"offset":200', '"offset":"x"');
    const text = StateText.from(bytesOf(broken), bad) as StateText;
    expect(text.cursorOf('/w/s1.jsonl')).toEqual(full.files['/w/s1.jsonl']);
    expect(() => text.cursorOf('/w/s2.jsonl')).toThrow(/^corrupt: bad entry/);
    const unparsable = StateText.from(bytesOf(serializeState(full).replace('"offset":200', '"offset":2 0')), bad) as StateText;
    expect(() => unparsable.cursorOf('/w/s2.jsonl')).toThrow(/^corrupt: /);
  });
});
