/** The run's sinks: writing a batch to several at once, who is down, staged writes and checkpoints. */
import { CodeInsightsError, formatError, SinkError, StageError } from '../errors.js';
import type { Sink, SyncSummary } from '../plugins/types.js';
import type { SessionBatch } from '../records/types.js';
import type { SyncState } from '../state/checkpoint-store.js';
import { behindWith } from './sink-coverage.js';

/**
 * Writes a batch to the target sinks at once. A sink that fails misses this transcript (returned by name, re-sent
 * whole later); one that is unreachable is also dropped for the rest of the run. Throws only when every target
 * failed, so the cursor does not move.
 */
export async function writeAll(targets: Sink[], batch: SessionBatch, sinks: SinkSet, summary: SyncSummary, path: string): Promise<string[]> {
  const results = await Promise.allSettled(targets.map((sink) => sink.write(batch)));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ sink: targets[i] as Sink, error: r.reason as unknown }] : []));
  if (failed.length === 0) return [];
  for (const { sink, error } of failed) {
    if (error instanceof SinkError && error.exitCode === 3) sinks.markDown(sink.name, error);
  }
  const errorOf = ({ sink, error }: { sink: Sink; error: unknown }) =>
    error instanceof SinkError && error.exitCode === 3 ? error : new StageError(`sink:${sink.name}`, 'upload', error);
  if (failed.length === targets.length) throw errorOf(failed[0] as { sink: Sink; error: unknown });
  for (const failure of failed) {
    const error = errorOf(failure);
    summary.errors.push({ path, message: error.message, plugin: `sink:${failure.sink.name}`, hook: 'upload' });
  }
  return failed.map((f) => f.sink.name);
}

/**
 * Makes staged writes durable, then persists the cursors as they stood when the flush began: the run may go on
 * meanwhile, and what it stages after that is the next checkpoint's. A sink whose flush fails missed every
 * transcript it staged since the last checkpoint: it is marked behind on them (and they are re-sent to it whole later).
 */
export async function checkpoint(sinks: SinkSet, state: SyncState, summary: SyncSummary, persist: (covered: SyncState) => void): Promise<void> {
  const covered: SyncState = { ...state, files: { ...state.files } };
  const markBehind = (file: string, sink: string) => {
    for (const target of [state, covered]) {
      const cursor = target.files[file];
      if (cursor) cursor.behind = behindWith(cursor, [sink]);
    }
  };
  for (const { sink, error, files } of await sinks.flush()) {
    const failures = error instanceof SinkError ? error.failures : undefined;
    if (failures) {
      // Only these transcripts' batches were lost; the rest of the flush was committed.
      for (const failure of failures) {
        summary.errors.push({ path: failure.path, message: `[${sink.name}] ${failure.message}`, plugin: `sink:${sink.name}`, hook: 'upload' });
        summary.transcripts.failed += 1;
        markBehind(failure.path, sink.name);
      }
      continue;
    }
    if (error instanceof SinkError && error.exitCode === 3) sinks.markDown(sink.name, error);
    summary.errors.push({ path: '(sink)', message: formatError(error), plugin: `sink:${sink.name}`, hook: 'upload' });
    for (const file of files) markBehind(file, sink.name);
  }
  persist(covered);
}

/** The run's sinks: all of them, the ones still up, why the others are down, and what each has staged. */
export class SinkSet {
  all: Sink[] = [];
  active: Sink[] = [];
  readonly down = new Map<string, SinkError>();
  readonly #staged = new Map<string, Set<string>>();

  /** Remembers that `sink` holds a not-yet-flushed write of `file`. */
  staged(sink: string, file: string): void {
    if (!this.all.find((s) => s.name === sink)?.flush) return;
    let files = this.#staged.get(sink);
    if (!files) {
      files = new Set();
      this.#staged.set(sink, files);
    }
    files.add(file);
  }

  /** Flushes every sink that staged something; returns the ones that failed with the files they lost. */
  async flush(): Promise<Array<{ sink: Sink; error: unknown; files: string[] }>> {
    const pending = [...this.#staged].flatMap(([name, files]) => {
      const sink = this.all.find((s) => s.name === name);
      return sink?.flush ? [{ sink, files: [...files] }] : [];
    });
    this.#staged.clear();
    const results = await Promise.allSettled(pending.map(({ sink }) => (sink.flush as () => Promise<void>).call(sink)));
    return results.flatMap((r, i) => (r.status === 'rejected' ? [{ ...(pending[i] as { sink: Sink; files: string[] }), error: r.reason as unknown }] : []));
  }

  /** Opens every sink; one that cannot be opened is down for this run (its transcripts are marked behind). */
  async open(sinks: Sink[]): Promise<void> {
    this.all = sinks;
    for (const sink of sinks) {
      try {
        await sink.open();
        this.active.push(sink);
      } catch (error) {
        this.down.set(sink.name, toSinkError(error, sink.name));
      }
    }
  }

  markDown(name: string, error: SinkError): void {
    this.down.set(name, error);
    this.active = this.active.filter((sink) => sink.name !== name);
  }

  firstFailure(): SinkError | null {
    return this.down.values().next().value ?? null;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.all.map((sink) => sink.close()));
  }
}

function toSinkError(error: unknown, sink: string): SinkError {
  if (error instanceof SinkError) return error;
  if (error instanceof CodeInsightsError) return new SinkError(sink, error.message, { cause: error });
  return new SinkError(sink, `could not open: ${formatError(error)}`, { cause: error });
}

