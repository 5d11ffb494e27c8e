/** The NDJSON sink through a real pipeline (code-insights/testing), as a plugin author would test it. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claudeTranscript, runPlugins } from 'code-insights/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNdjsonSink, ndjsonSink, resolveDir } from '../src/index.js';
import { sessionFile } from '../src/ndjson-file.js';

const transcripts = [
  claudeTranscript({
    cwd: '/work/shop',
    exchanges: [
      { prompt: 'Why does checkout time out?', reply: 'The payment call has no timeout.', tools: [{ name: 'Read', input: { file_path: 'pay.ts' }, result: '…' }] },
      { prompt: 'Add a 5 s timeout', reply: 'Added.' },
    ],
  }),
  claudeTranscript({ cwd: '/work/blog', exchanges: [{ prompt: 'Write a post about caching', reply: 'Here is a draft.' }] }),
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ndjson-sink-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ndjson-sink', () => {
  it('writes each session and its messages, as the store received them', async () => {
    const result = await runPlugins({ plugins: [[ndjsonSink(), { dir }]], transcripts });
    expect(result.errors).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(result.sessions.map((s) => path.basename(sessionFile(dir, s.id))).sort());
    for (const session of result.sessions) {
      const [head, ...rest] = lines(sessionFile(dir, session.id));
      expect(head).toEqual({ type: 'session', ...session });
      const messages = result.messages.filter((m) => m.sessionId === session.id).sort((a, b) => a.order - b.order);
      expect(rest).toEqual(messages.map((m) => ({ type: 'message', ...m })));
    }
  });

  it('is idempotent: a re-sent batch changes nothing, a grown message replaces its line', async () => {
    const { batches } = await runPlugins({ plugins: [], transcripts });
    const batch = batches[0]!;
    const sink = createNdjsonSink(dir);
    await sink.open();
    await sink.write(batch);
    const once = readFileSync(sessionFile(dir, batch.session.id), 'utf8');
    await sink.write(batch);
    expect(readFileSync(sessionFile(dir, batch.session.id), 'utf8')).toBe(once);

    const last = batch.messages.at(-1)!;
    await sink.write({ ...batch, messages: [{ ...last, text: `${last.text} (grown)` }] });
    const after = lines(sessionFile(dir, batch.session.id));
    expect(after).toHaveLength(1 + batch.messages.length);
    expect(after.at(-1)?.text).toBe(`${last.text} (grown)`);
  });

  it('lists and retitles stored sessions (for sync --regenerate-titles)', async () => {
    const result = await runPlugins({ plugins: [[ndjsonSink(), { dir }]], transcripts });
    const sink = createNdjsonSink(dir);
    const listed = [];
    for await (const session of sink.listSessions({ project: null })) listed.push(session.id);
    expect(listed.sort()).toEqual(result.sessions.map((s) => s.id).sort());
    const target = result.sessions[0]!;
    await sink.updateTitles([{ id: target.id, title: 'Renamed', titleSource: 'prompt', character: null, characterSignals: null }]);
    expect(lines(sessionFile(dir, target.id))[0]).toMatchObject({ type: 'session', id: target.id, title: 'Renamed' });
  });

  it('rejects options its schema does not accept, naming the key', async () => {
    const error = await runPlugins({ plugins: [[ndjsonSink(), { dir: 5 }]], transcripts }).catch((e: unknown) => e);
    expect(String(error)).toContain('options.ndjson-sink.dir');
  });
});

describe('resolveDir', () => {
  it('puts relative dirs under the state directory and expands ~/', () => {
    expect(resolveDir('/state', 'out')).toBe('/state/out');
    expect(resolveDir('/state', '/abs/out')).toBe('/abs/out');
    expect(resolveDir('/state', '~/out')).toBe(path.join(process.env.HOME ?? '', 'out'));
  });
});
