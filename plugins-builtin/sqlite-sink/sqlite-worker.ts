/**
 * The SQLite sink's worker thread: owns the connection and applies staged batches while the main thread parses the
 * next transcripts (two cores: parsing and writing overlap instead of taking turns).
 */
import './quiet-sqlite-warning.js';
import { parentPort, workerData } from 'node:worker_threads';
import { SinkError, formatError } from '../../src/errors.js';
import type { SessionBatch } from '../../src/records/types.js';
import { SINK_NAME } from './open-database.js';
import { SqliteStore } from './store.js';
import { toWire, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

const file = (workerData as { file: string }).file;
let store: SqliteStore | undefined;

function opened(): SqliteStore {
  store ??= SqliteStore.open(file);
  return store;
}

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'open':
      opened();
      return undefined;
    case 'stage': {
      // Our own main thread serialised it from a validated SessionBatch.
      const batch = JSON.parse(request.json) as SessionBatch;
      try {
        return opened().stageBatch(batch);
      } catch (error) {
        if (error instanceof SinkError) throw error;
        // The session id names the batch; SQLite's message names a constraint or I/O, never a value.
        throw new SinkError(SINK_NAME, `writing session ${batch.session.id} to ${file} failed: ${formatError(error)}`, { unavailable: false });
      }
    }
    case 'flush':
      try {
        opened().commitStaged();
      } catch (error) {
        throw new SinkError(SINK_NAME, `committing to ${file} failed: ${formatError(error)}`, { unavailable: false });
      }
      return undefined;
    case 'listSessions':
      return opened().listSessions({ project: request.project, includeChildren: true });
    case 'updateTitles':
      opened().commitStaged();
      return opened().updateTitles(request.updates);
    case 'close':
      // Whatever was not flushed was not acknowledged: the runner re-sends it on a later run.
      store?.discardStaged();
      store?.close();
      store = undefined;
      return undefined;
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, result: handle(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: toWire(error) };
  }
  parentPort?.postMessage(reply);
});
