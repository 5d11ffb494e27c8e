/**
 * The `Sink` the pipeline writes to: a WriteStore opened on first use and closed at the end of the run. Writes are
 * staged in one transaction and committed by `flush`. A big run writes from a worker thread (ThreadedStore); reads
 * and title updates always use a connection of this thread. Only reading (`--regenerate-titles`) loads zod.
 */
import { SinkError, formatError } from '../../src/errors.js';
import type { Sink, TitleUpdate } from '../../src/plugins/types.js';
import type { SessionBatch, SessionRecord } from '../../src/records/types.js';
import { SINK_NAME } from './open-database.js';
import type { SqliteSinkOptions } from './options.js';
import type { ThreadedStore } from './threaded-store.js';
import { WriteStore } from './write-store.js';

/** Below this many bytes to read, starting a thread costs more than it saves (a hook run, a grown session). */
export const THREAD_MIN_BYTES = 32 * 1024 * 1024;

export interface SqliteSinkSettings {
  /** `auto`: a thread when the run reads at least THREAD_MIN_BYTES. */
  writer?: SqliteSinkOptions['writer'];
  /** Bytes the run is about to read (SyncRun.work), when known. */
  workBytes?: number;
  /** The worker script; tests running from source point it at the build. */
  workerScript?: URL;
}

/** Creates the sink for the database at `file`. Nothing touches the file before `open()`. */
export function createSqliteSink(file: string, settings: SqliteSinkSettings = {}): Sink {
  const mode = settings.writer ?? 'auto';
  const threaded = mode === 'thread' || (mode === 'auto' && (settings.workBytes ?? 0) >= THREAD_MIN_BYTES);
  let store: WriteStore | undefined;
  let thread: ThreadedStore | undefined;
  const opened = (): WriteStore => {
    store ??= WriteStore.open(file);
    return store;
  };
  const failedBatches = (failures: Array<{ path: string; message: string }>) =>
    new SinkError(SINK_NAME, failures.map((f) => f.message).join('; '), { unavailable: false, failures });
  return {
    name: SINK_NAME,
    async open() {
      if (!threaded) {
        opened();
        return;
      }
      // node:worker_threads and the wire format load only for a big run.
      const { ThreadedStore } = await import('./threaded-store.js');
      // `#store-worker` (package.json `imports`): the built worker script, wherever the build put this module.
      thread = new ThreadedStore(file, settings.workerScript ?? new URL(import.meta.resolve('#store-worker')));
      try {
        await thread.open();
      } catch (error) {
        await thread.close();
        thread = undefined;
        throw error;
      }
    },
    async write(batch: SessionBatch) {
      if (thread) return thread.stage(batch);
      const target = opened();
      try {
        target.stageBatch(batch);
      } catch (error) {
        if (error instanceof SinkError) throw error;
        // The session id names the batch; SQLite's message names a constraint or I/O, never a value.
        throw new SinkError(SINK_NAME, `writing session ${batch.session.id} to ${file} failed: ${formatError(error)}`, {
          cause: error,
          unavailable: false,
        });
      }
    },
    async flush() {
      if (thread) {
        const failures = await thread.flush();
        if (failures.length > 0) throw failedBatches(failures);
        return;
      }
      try {
        store?.commitStaged();
      } catch (error) {
        throw new SinkError(SINK_NAME, `committing to ${file} failed: ${formatError(error)}`, { cause: error, unavailable: false });
      }
    },
    async *listSessions(filter: { project: string | null }): AsyncIterable<SessionRecord> {
      // Over the writing connection, so what this run staged is seen.
      const { SqliteStore } = await import('./store.js');
      yield* SqliteStore.over(opened()).listSessions({ project: filter.project, includeChildren: true });
    },
    async updateTitles(updates: ReadonlyArray<TitleUpdate>) {
      if (thread) await this.flush?.();
      const target = opened();
      target.commitStaged();
      target.updateTitles(updates);
    },
    async close() {
      // Whatever was not flushed was not acknowledged: the runner re-sends it on a later run.
      await thread?.close();
      thread = undefined;
      store?.discardStaged();
      store?.close();
      store = undefined;
    },
  };
}
