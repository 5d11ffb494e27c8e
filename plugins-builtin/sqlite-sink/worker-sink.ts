/**
 * The SQLite sink run in a worker thread: `write` hands the batch over and returns while the worker stages it, so
 * the next transcript is parsed meanwhile; `flush` waits for the staged batches and commits them.
 */
import { Worker } from 'node:worker_threads';
import { SinkError } from '../../src/errors.js';
import type { Sink, TitleUpdate } from '../../src/plugins/types.js';
import type { SessionBatch, SessionRecord } from '../../src/records/types.js';
import { SINK_NAME } from './open-database.js';
import { fromWire, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

/** Batches handed over but not yet staged by the worker; beyond this `write` waits (bounded memory). */
const MAX_IN_FLIGHT = 2;

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Op = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function createWorkerSqliteSink(file: string, workerUrl: URL): Sink {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const inFlight = new Set<Promise<unknown>>();
  let stageErrors: SinkError[] = [];
  let dead: SinkError | null = null;

  const fail = (error: SinkError) => {
    dead = error;
    worker = undefined;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(workerUrl, { workerData: { file } });
    w.on('message', (reply: WorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(fromWire(SINK_NAME, reply.error));
    });
    w.on('error', (error) => fail(new SinkError(SINK_NAME, `the database worker stopped: ${error.message}`, { unavailable: false })));
    w.on('exit', () => fail(new SinkError(SINK_NAME, 'the database worker exited', { unavailable: false })));
    worker = w;
    return w;
  };
  const call = (op: Op): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      start().postMessage({ ...op, id });
    });

  return {
    name: SINK_NAME,
    async open() {
      await call({ op: 'open' });
    },
    async write(batch: SessionBatch) {
      const staged = call({ op: 'stage', json: JSON.stringify(batch) }).catch((error: unknown) => {
        stageErrors.push(error instanceof SinkError ? error : new SinkError(SINK_NAME, String(error), { unavailable: false }));
      });
      inFlight.add(staged);
      void staged.finally(() => inFlight.delete(staged));
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    },
    async flush() {
      await Promise.all(inFlight);
      const failed = stageErrors;
      stageErrors = [];
      await call({ op: 'flush' });
      // The batches that did stage are committed; the runner re-sends the whole window to this sink later.
      if (failed.length > 0) {
        throw new SinkError(SINK_NAME, `${failed.length} transcript(s) could not be written; first: ${failed[0]?.message}`, { unavailable: false });
      }
    },
    async *listSessions(filter: { project: string | null }): AsyncIterable<SessionRecord> {
      yield* (await call({ op: 'listSessions', project: filter.project })) as SessionRecord[];
    },
    async updateTitles(updates: ReadonlyArray<TitleUpdate>) {
      await call({ op: 'updateTitles', updates });
    },
    async close() {
      if (!worker) return;
      await Promise.allSettled(inFlight);
      await call({ op: 'close' }).catch(() => undefined);
      const w = worker;
      worker = undefined;
      w.removeAllListeners('exit');
      await w.terminate();
    },
  };
}
