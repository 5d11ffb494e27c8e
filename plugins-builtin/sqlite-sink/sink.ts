/**
 * The `Sink` the pipeline writes to: a SqliteStore opened on first use and closed at the end of the run. Writes are
 * staged in one transaction and committed by `flush`.
 */
import { SinkError, formatError } from '../../src/errors.js';
import type { Sink, TitleUpdate } from '../../src/plugins/types.js';
import type { SessionBatch, SessionRecord } from '../../src/records/types.js';
import { SINK_NAME } from './open-database.js';
import { SqliteStore } from './store.js';

/** Creates the sink for the database at `file`. Nothing touches the file before `open()`. */
export function createSqliteSink(file: string): Sink {
  let store: SqliteStore | undefined;
  const opened = (): SqliteStore => {
    store ??= SqliteStore.open(file);
    return store;
  };
  return {
    name: SINK_NAME,
    async open() {
      opened();
    },
    async write(batch: SessionBatch) {
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
      try {
        store?.commitStaged();
      } catch (error) {
        throw new SinkError(SINK_NAME, `committing to ${file} failed: ${formatError(error)}`, { cause: error, unavailable: false });
      }
    },
    async *listSessions(filter: { project: string | null }): AsyncIterable<SessionRecord> {
      yield* opened().listSessions({ project: filter.project, includeChildren: true });
    },
    async updateTitles(updates: ReadonlyArray<TitleUpdate>) {
      const target = opened();
      target.commitStaged();
      target.updateTitles(updates);
    },
    async close() {
      // Whatever was not flushed was not acknowledged: the runner re-sends it on a later run.
      store?.discardStaged();
      store?.close();
      store = undefined;
    },
  };
}
