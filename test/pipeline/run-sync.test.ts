/** The runner with fake plugins: cursor discipline, failure isolation, vanished files, dry runs. */
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SinkError } from '../../src/errors.js';
import { HEAD_BYTES } from '../../src/pipeline/head-hash.js';
import { DEFAULT_MAX_BYTES, runSync, SMALL_RUN_BYTES, SMALL_RUN_MAX_BYTES } from '../../src/pipeline/run-sync.js';
import { attributeErrors, createSyncHooks } from '../../src/pipeline/sync-hooks.js';
import type { Sink, SyncRun } from '../../src/plugins/types.js';
import type { SessionBatch, SessionRecord, SourceFile } from '../../src/records/types.js';
import { loadState, type SyncState } from '../../src/state/checkpoint-store.js';
import { makeTmpHome } from '../helpers/tmp-home.js';

/** A source over plain files: each line is a message; the fold counts lines so far. */
function setup(dir: string, options: { failOn?: string; sinkFails?: () => Error | null; flushFails?: () => Error | null; second?: { openFails?: boolean; writes: string[] } } = {}) {
  const hooks = createSyncHooks();
  attributeErrors(hooks);
  const written: SessionBatch[] = [];
  hooks.discover.tap('fake-source', (files) => [
    ...files,
    ...['a.txt', 'b.txt', 'c.txt'].flatMap((name): SourceFile[] => {
      const p = path.join(dir, name);
      try {
        const st = statSync(p);
        return [{ source: 'fake-source', path: p, root: dir, projectDir: dir, kind: 'main', sessionId: name, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino }];
      } catch {
        return [];
      }
    }),
  ]);
  hooks.parse.tap('fake-source', (request) => {
    if (options.failOn && request.file.path.endsWith(options.failOn)) throw new Error('cannot read this one');
    const text = readFileSync(request.file.path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    const lines = text.slice(request.offset, end).split('\n').filter(Boolean);
    const before = (request.fold as { lines: number } | undefined)?.lines ?? 0;
    const session = { id: path.basename(request.file.path), messageCount: before + lines.length, endedAt: null } as unknown as SessionRecord;
    return {
      batch: { file: request.file, cwd: dir, session, messages: lines.map((l, i) => ({ id: `${before + i}`, text: l }) as never) },
      fold: { lines: before + lines.length },
      endOffset: end,
      complete: true,
      stats: { records: lines.length, malformedLines: 0, unknownRecords: 0 },
    };
  });
  hooks.enrich.tap('fake-identity', (batch) => ({ ...batch, project: { ...batch.project, id: 'p', name: 'proj', path: dir } }));
  const sink: Sink = {
    name: 'memory',
    open: async () => {},
    write: async (batch) => {
      const error = options.sinkFails?.();
      if (error) throw error;
      written.push(batch);
    },
    listSessions: async function* () {},
    updateTitles: async () => {},
    close: async () => {},
  };
  const flushFails = options.flushFails;
  if (flushFails) {
    sink.flush = async () => {
      const error = flushFails();
      if (error) throw error;
    };
  }
  hooks.upload.tap('fake-sink', (sinks) => [...sinks, sink]);
  const second = options.second;
  if (second) {
    const other: Sink = {
      ...sink,
      name: 'second',
      open: async () => {
        if (second.openFails) throw new SinkError('second', 'connection refused');
      },
      write: async (batch) => {
        second.writes.push(batch.session.id);
      },
    };
    hooks.upload.tap('second-sink', (sinks) => [...sinks, other]);
  }
  return { hooks, written };
}

function runFor(home: string, dryRun = false): SyncRun {
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  return {
    force: false,
    dryRun,
    project: null,
    cwd: home,
    home,
    device: { id: 'd', hostname: 'h', platform: 'linux' },
    limits: { messageText: 100, thinking: 100, toolInput: 100, toolResult: 100 },
    logger,
    signal: new AbortController().signal,
  };
}

async function sync(home: string, hooks: ReturnType<typeof createSyncHooks>, state: SyncState, dryRun = false) {
  return runSync({ hooks, run: runFor(home, dryRun), state, saveState: () => {} });
}

describe('runSync', () => {
  it('reads only new complete lines of a grown file and continues its fold', async () => {
    using tmp = makeTmpHome();
    writeFileSync(path.join(tmp.root, 'a.txt'), 'one\ntwo\npartial');
    const { hooks, written } = setup(tmp.root);
    const state = loadState(tmp.ciHome);
    const first = await sync(tmp.ciHome, hooks, state);
    expect(first.summary.transcripts).toMatchObject({ discovered: 1, new: 1 });
    expect(state.files[path.join(tmp.root, 'a.txt')]?.offset).toBe(8);
    appendFileSync(path.join(tmp.root, 'a.txt'), '-done\nfour\n');
    const second = await sync(tmp.ciHome, setup(tmp.root).hooks, state);
    expect(second.summary.transcripts).toMatchObject({ grown: 1 });
    expect(written[0]?.messages.map((m) => (m as unknown as { text: string }).text)).toEqual(['one', 'two']);
    const again = await sync(tmp.ciHome, setup(tmp.root).hooks, state);
    expect(again.summary.transcripts).toMatchObject({ unchanged: 1 });
    expect(again.summary.sessionsWritten).toBe(0);
  });

  it('keeps the head hash the plan checked: a transcript replaced while a grown run reads it is re-read whole next time', async () => {
    using tmp = makeTmpHome();
    const file = path.join(tmp.root, 'a.txt');
    // Longer than the hashed head, so growing it leaves the head as it was.
    const long = `${'x'.repeat(HEAD_BYTES)}\n`;
    writeFileSync(file, `one\n${long}`);
    const state = loadState(tmp.ciHome);
    await sync(tmp.ciHome, setup(tmp.root).hooks, state);
    appendFileSync(file, 'three\n');
    const { hooks } = setup(tmp.root);
    // Replaced (same size, other first bytes) after the plan found it grown, before its cursor is taken.
    hooks.parse.tap({ name: 'replacer', stage: -1 }, () => {
      writeFileSync(file, `ONE\n${long}three\n`);
      return undefined;
    });
    expect((await sync(tmp.ciHome, hooks, state)).summary.transcripts).toMatchObject({ grown: 1 });
    const next = await sync(tmp.ciHome, setup(tmp.root).hooks, state);
    expect(next.summary.transcripts).toMatchObject({ rewritten: 1 });
  });

  it('parses a small run in increments of 8 MiB, and one with more than 32 MiB to read in increments of 2 MiB', async () => {
    using tmp = makeTmpHome();
    writeFileSync(path.join(tmp.root, 'a.txt'), 'one\n');
    for (const [extra, increment] of [[0, SMALL_RUN_MAX_BYTES], [SMALL_RUN_BYTES, DEFAULT_MAX_BYTES]] as const) {
      const { hooks } = setup(tmp.root);
      // Only the planned size counts: the file says it is `extra` bytes longer than it is.
      hooks.discover.tap('inflate', (files) => files.map((file) => ({ ...file, size: file.size + extra })));
      const asked: number[] = [];
      hooks.parse.tap({ name: 'spy', stage: -1 }, (request) => {
        asked.push(request.maxBytes);
        return undefined;
      });
      await sync(tmp.ciHome, hooks, loadState(tmp.ciHome));
      expect(asked).toEqual([increment]);
    }
  });

  it('does not move a cursor when a sink fails, and isolates a failing transcript', async () => {
    using tmp = makeTmpHome();
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(path.join(tmp.root, name), `${name}\n`);
    const state = loadState(tmp.ciHome);
    const { hooks, written } = setup(tmp.root, { failOn: 'b.txt' });
    const result = await sync(tmp.ciHome, hooks, state);
    expect(result.summary.transcripts.failed).toBe(1);
    expect(result.summary.errors).toEqual([expect.objectContaining({ plugin: 'fake-source', hook: 'parse', path: path.join(tmp.root, 'b.txt') })]);
    expect(written.map((b) => b.session.id).sort()).toEqual(['a.txt', 'c.txt']);
    expect(Object.keys(state.files).map((p) => path.basename(p)).sort()).toEqual(['a.txt', 'c.txt']);

    // A sink that refuses writes mid-run: nothing of b is committed, the run stops instead of failing file by file.
    const down = setup(tmp.root, { sinkFails: () => new SinkError('memory', 'connection refused') });
    const failed = await sync(tmp.ciHome, down.hooks, state);
    expect(failed.sinkFailure?.message).toContain('connection refused');
    expect(state.files[path.join(tmp.root, 'b.txt')]).toBeUndefined();
  });

  it('a flush that lost only some batches fails and marks just those transcripts', async () => {
    using tmp = makeTmpHome();
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(path.join(tmp.root, name), `${name}\n`);
    const state = loadState(tmp.ciHome);
    const b = path.join(tmp.root, 'b.txt');
    const lost = () => new SinkError('memory', 'b failed', { unavailable: false, failures: [{ path: b, message: 'writing session b.txt failed: disk I/O error' }] });
    const { hooks } = setup(tmp.root, { flushFails: lost });
    const result = await sync(tmp.ciHome, hooks, state);
    expect(result.summary.transcripts.failed).toBe(1);
    expect(result.summary.errors).toEqual([
      { path: b, message: '[memory] writing session b.txt failed: disk I/O error', plugin: 'sink:memory', hook: 'upload' },
    ]);
    expect(Object.entries(state.files).map(([p, cursor]) => [path.basename(p), cursor.behind ?? []])).toEqual([
      ['a.txt', []],
      ['b.txt', ['memory']],
      ['c.txt', []],
    ]);
    // The next run re-sends b alone.
    const again = setup(tmp.root, { flushFails: () => null });
    await sync(tmp.ciHome, again.hooks, state);
    expect(again.written.map((batch) => batch.session.id)).toEqual(['b.txt']);
    expect(state.files[b]?.behind).toBeUndefined();
  });

  it('treats a transcript deleted after discovery as gone, not failed', async () => {
    using tmp = makeTmpHome();
    writeFileSync(path.join(tmp.root, 'a.txt'), 'x\n');
    writeFileSync(path.join(tmp.root, 'b.txt'), 'y\n');
    const { hooks } = setup(tmp.root);
    hooks.beforeSync.tap('deleter', () => {});
    hooks.discover.tap({ name: 'deleter', stage: 100 }, (files) => {
      rmSync(path.join(tmp.root, 'b.txt'));
      return files;
    });
    const result = await sync(tmp.ciHome, hooks, loadState(tmp.ciHome));
    expect(result.summary.transcripts.failed).toBe(0);
    expect(result.summary.errors).toEqual([]);
  });

  it('writes nothing on a dry run but reports what it would write', async () => {
    using tmp = makeTmpHome();
    writeFileSync(path.join(tmp.root, 'a.txt'), 'one\ntwo\n');
    const { hooks, written } = setup(tmp.root);
    const state = loadState(tmp.ciHome);
    const result = await sync(tmp.ciHome, hooks, state, true);
    expect(written).toEqual([]);
    expect(state.files).toEqual({});
    expect(result.reports).toEqual([expect.objectContaining({ status: 'new', messages: 2 })]);
  });

  it('keeps each sink on its own progress: one that is down neither blocks the other nor makes it re-read', async () => {
    using tmp = makeTmpHome();
    for (const name of ['a.txt', 'b.txt']) writeFileSync(path.join(tmp.root, name), `${name}\n`);
    const state = loadState(tmp.ciHome);
    const second = { openFails: true, writes: [] as string[] };
    const first = setup(tmp.root, { second });
    const down = await sync(tmp.ciHome, first.hooks, state);
    expect(first.written.map((b) => b.session.id).sort()).toEqual(['a.txt', 'b.txt']);
    expect(down.sinkFailure?.message).toContain('connection refused');
    expect(down.wroteAnything).toBe(true);
    expect(Object.values(state.files).map((c) => c.behind)).toEqual([['second'], ['second']]);

    // The second sink is back: it alone gets both transcripts; the first is not written again.
    second.openFails = false;
    const again = setup(tmp.root, { second });
    const caughtUp = await sync(tmp.ciHome, again.hooks, state);
    expect(caughtUp.sinkFailure).toBeNull();
    expect(second.writes.sort()).toEqual(['a.txt', 'b.txt']);
    expect(again.written).toEqual([]);
    expect(Object.values(state.files).map((c) => c.behind)).toEqual([undefined, undefined]);

    // Nothing left to do for either.
    const idle = setup(tmp.root, { second });
    await sync(tmp.ciHome, idle.hooks, state);
    expect(idle.written).toEqual([]);
    expect(second.writes).toHaveLength(2);
  });
});
