/**
 * Worker-thread side of ThreadedStore: owns one WriteStore and stages the batches posted to it. A batch that
 * fails rolls back alone and is reported with the next flush; replies go out in the order requests came in.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { formatError, SinkError } from '../../src/errors.js';
import type { SessionBatch } from '../../src/records/types.js';
import { silenceSqliteWarning } from '../../src/util/sqlite-warning.js';
import { fromWire } from './batch-wire.js';
import type { StoreReply, StoreRequest, WireError } from './threaded-store.js';
import type { WriteStore } from './write-store.js';

// A worker has its own `process`: the warning is silenced here too, before node:sqlite loads.
silenceSqliteWarning();
const { WriteStore: Store } = await import('./write-store.js');

const port = parentPort;
if (!port) throw new Error('store-worker.js runs only as a worker thread');

const file = (workerData as { file: string }).file;
let store: WriteStore | undefined;
let failures: Array<{ path: string; message: string }> = [];

port.on('message', (request: StoreRequest) => {
  port.postMessage(handle(request));
});

function handle(request: StoreRequest): StoreReply {
  try {
    switch (request.type) {
      case 'open':
        store ??= Store.open(file);
        return { type: 'done' };
      case 'write':
        stage(fromWire(request.batch));
        return { type: 'written' };
      case 'flush': {
        store?.commitStaged();
        const failed = failures;
        failures = [];
        return { type: 'flushed', failures: failed };
      }
      case 'close':
        store?.discardStaged();
        store?.close();
        store = undefined;
        return { type: 'done' };
    }
  } catch (error) {
    return { type: 'failed', error: toWire(error) };
  }
}

function stage(batch: SessionBatch): void {
  try {
    if (!store) throw new Error('the store is not open');
    store.stageBatch(batch);
  } catch (error) {
    failures.push({ path: batch.file.path, message: `writing session ${batch.session.id} failed: ${formatError(error)}` });
  }
}

function toWire(error: unknown): WireError {
  if (error instanceof SinkError) {
    const message = error.message.startsWith(`[${error.sink}] `) ? error.message.slice(error.sink.length + 3) : error.message;
    return { message, unavailable: error.exitCode === 3, suggestions: error.suggestions, sink: true };
  }
  return { message: formatError(error), unavailable: false, suggestions: [], sink: false };
}
