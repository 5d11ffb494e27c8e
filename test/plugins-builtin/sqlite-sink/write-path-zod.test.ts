/**
 * A sync that writes to the local store loads no zod (importing it costs ~50 ms of every small sync). Checked on the
 * build, in a fresh process whose module hook throws at any zod load, on this thread and on the store's worker
 * thread (workers inherit `--import`).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { THREAD_MIN_BYTES } from '../../../plugins-builtin/sqlite-sink/sink.js';
import { makeBatch, makeConversation, makeSession } from './fixtures.js';
import { tempDb } from './temp-db.js';

/** tsc's output: the modules one by one (the shipped bundle is checked through the CLI in test/build/). */
const built = (file: string) => new URL(`../../../build/${file}`, import.meta.url).href;

const HOOK = `
import module from 'node:module';
import { isMainThread } from 'node:worker_threads';
module.registerHooks({
  load(url, context, next) {
    if (url.includes('/node_modules/zod/')) throw new Error(\`zod loaded on the \${isMainThread ? 'main' : 'worker'} thread\`);
    return next(url, context);
  },
});
`;

/** The plugin as the built-in registry applies it (no options), writing one batch per writer; then the controls. */
const WRITE = `
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
const [stateDir, batchFile] = process.argv.slice(2);
const { sqliteSink } = await import(${JSON.stringify(built('plugins-builtin/sqlite-sink/plugin.js'))});
const { createSyncHooks } = await import(${JSON.stringify(built('src/pipeline/sync-hooks.js'))});
const batch = JSON.parse(readFileSync(batchFile, 'utf8'));
const logger = { debug() {}, info() {}, warn() {}, error() {} };
const counts = {};
for (const [writer, bytes] of [['inline', 1], ['thread', ${THREAD_MIN_BYTES}]]) {
  const hooks = createSyncHooks();
  const context = { options: {}, logger, stateDir: stateDir + '/' + writer, signal: new AbortController().signal, origin: { kind: 'builtin' } };
  await sqliteSink().apply(hooks, context);
  const [sink] = await hooks.upload.promise([], { work: { transcripts: 1, bytes } });
  await sink.open();
  await sink.write(batch);
  await sink.flush();
  await sink.updateTitles([{ id: batch.session.id, title: 'T', titleSource: 'summary', character: null, characterSignals: null }]);
  await sink.close();
  const db = new DatabaseSync(stateDir + '/' + writer + '/data.db', { readOnly: true });
  counts[writer] = db.prepare("SELECT count(*) AS n FROM messages").get().n;
  db.close();
}
// Controls: the hook does catch zod, on this thread and on a worker (the read side loads it).
const store = ${JSON.stringify(built('plugins-builtin/sqlite-sink/store.js'))};
const main = await import(store).then(() => 'loaded', (error) => error.message);
const worker = await new Promise((resolve) => {
  const thread = new Worker(new URL(store));
  thread.on('error', (error) => resolve(error.message));
  thread.on('exit', () => resolve('exited'));
});
console.log(JSON.stringify({ counts, main, worker }));
`;

describe('sqlite sink write path', () => {
  it('writes inline and from its worker thread without loading zod', () => {
    using tmp = tempDb();
    const session = makeSession();
    const batchFile = path.join(tmp.dir, 'batch.json');
    writeFileSync(batchFile, JSON.stringify(makeBatch(session, makeConversation(session.id))));
    writeFileSync(path.join(tmp.dir, 'hook.mjs'), HOOK);
    writeFileSync(path.join(tmp.dir, 'write.mjs'), WRITE);
    const result = spawnSync(process.execPath, ['--import', path.join(tmp.dir, 'hook.mjs'), path.join(tmp.dir, 'write.mjs'), tmp.dir, batchFile], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).not.toMatch(/zod loaded/);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      counts: { inline: 4, thread: 4 },
      main: 'zod loaded on the main thread',
      worker: 'zod loaded on the worker thread',
    });
  });
});
