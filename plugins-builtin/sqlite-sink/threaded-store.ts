/**
 * A SqliteStore on a worker thread, for big syncs: parsing and the SQLite work then use both cores (measured on a
 * 500 MiB first sync: about a fifth less wall time). Batches are posted without waiting, at most a few ahead, and
 * a batch that failed is reported by the next `flush`, which commits the others.
 */
import { Worker } from 'node:worker_threads';
import { SinkError } from '../../src/errors.js';
import type { SessionBatch } from '../../src/records/types.js';
import { toWire, type WireBatch } from './batch-wire.js';
import { SINK_NAME } from './open-database.js';

export type StoreRequest = { type: 'open' } | { type: 'write'; batch: WireBatch } | { type: 'flush' } | { type: 'close' };
export type StoreReply =
  | { type: 'done' }
  | { type: 'written' }
  | { type: 'flushed'; failures: Array<{ path: string; message: string }> }
  | { type: 'failed'; error: WireError };
/** An error as it crosses the thread boundary. */
export interface WireError {
  message: string;
  unavailable: boolean;
  suggestions: string[];
  /** Whether it was a SinkError on the worker's side. */
  sink: boolean;
}

/**
 * Batches posted and not yet staged: lets parsing go on through a commit (the thread commits every few seconds,
 * for a few hundred ms) while bounding what waits in memory. On a 500 MiB first sync, 16 was as fast as 32 and
 * peaked at 210-218 MB instead of 241-294 MB (the parsing thread never idles, so queued garbage is collected late).
 */
const MAX_AHEAD = 16;

/** The worker's own heap: it holds a few batches at a time, so a small young generation keeps the process lean. */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

export class ThreadedStore {
  readonly #file: string;
  readonly #worker: Worker;
  readonly #replies: Array<{ resolve: (reply: StoreReply) => void; reject: (error: Error) => void }> = [];
  readonly #writes: Array<Promise<unknown>> = [];
  #dead: Error | null = null;

  constructor(file: string, script: URL) {
    this.#file = file;
    this.#worker = new Worker(script, { workerData: { file }, resourceLimits: RESOURCE_LIMITS });
    this.#worker.on('message', (reply: StoreReply) => this.#replies.shift()?.resolve(reply));
    this.#worker.on('error', (error) => this.#die(error));
    this.#worker.on('exit', (code) => this.#die(new Error(`the store's worker thread exited (code ${code})`)));
  }

  async open(): Promise<void> {
    await this.#ask({ type: 'open' });
  }

  /** Posts the batch; waits only while MAX_AHEAD batches are still queued. */
  async stage(batch: SessionBatch): Promise<void> {
    if (this.#dead) throw this.#sinkError(this.#dead);
    // Replies come in order, so the oldest write is the next to finish.
    if (this.#writes.length >= MAX_AHEAD) await this.#writes.shift();
    // A worker that dies fails the next flush, which marks every staged transcript for a re-send.
    this.#writes.push(this.#ask({ type: 'write', batch: toWire(batch) }).catch(() => undefined));
  }

  /** Commits what was staged; returns the transcripts whose batch failed (rolled back alone). */
  async flush(): Promise<Array<{ path: string; message: string }>> {
    const reply = await this.#ask({ type: 'flush' });
    return reply.type === 'flushed' ? reply.failures : [];
  }

  /** Drops what was not flushed, closes the database and ends the thread. */
  async close(): Promise<void> {
    if (!this.#dead) await this.#ask({ type: 'close' }).catch(() => undefined);
    this.#dead ??= new Error('closed');
    await this.#worker.terminate();
  }

  #ask(request: StoreRequest): Promise<StoreReply> {
    if (this.#dead) return Promise.reject(this.#sinkError(this.#dead));
    return new Promise<StoreReply>((resolve, reject) => {
      this.#replies.push({ resolve, reject });
      this.#worker.postMessage(request);
    }).then((reply) => {
      if (reply.type === 'failed') throw fromWire(reply.error, this.#file);
      return reply;
    });
  }

  #die(error: Error): void {
    if (this.#dead) return;
    this.#dead = error;
    for (const waiting of this.#replies.splice(0)) waiting.reject(this.#sinkError(error));
  }

  #sinkError(error: Error): SinkError {
    return new SinkError(SINK_NAME, `the store of ${this.#file} stopped: ${error.message}`, { cause: error, unavailable: false });
  }
}

function fromWire(error: WireError, file: string): SinkError {
  const message = error.sink ? error.message : `${file}: ${error.message}`;
  return new SinkError(SINK_NAME, message, { unavailable: error.unavailable, suggestions: error.suggestions });
}
