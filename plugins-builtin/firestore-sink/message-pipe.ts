/**
 * The message writes of staged batches, packed across transcripts into full commits (500 writes or the byte cap)
 * that start as soon as they are full, up to `maxInFlight` at once. Session documents never go through here: they
 * wait for `drain()`, so a session document is committed only after every commit holding its messages.
 */
import type { WriteOp } from './commit-batches.js';

/** Limits of one pipe (the sink's tuning). */
export interface PipeLimits {
  maxOps: number;
  maxBytes: number;
  maxInFlight: number;
}

/** Commits one full batch; the pipe calls it with the batch's writes and the sessions they belong to. */
export type CommitChunk = (ops: ReadonlyArray<WriteOp>, sessions: ReadonlySet<string>) => Promise<void>;

interface Chunk<Tag> {
  /** Who the writes belong to (the sink's flush window); a failure is reported to it. */
  tag: Tag;
  ops: WriteOp[];
  /** Index in `ops` by document path: a message staged again before its batch left replaces the older write. */
  at: Map<string, number>;
  sizes: number[];
  bytes: number;
  sessions: Set<string>;
}

/** Packs message writes into batches and keeps a bounded number of commits in flight. */
export class MessagePipe<Tag> {
  readonly #commit: CommitChunk;
  readonly #limits: PipeLimits;
  readonly #onFailure: (tag: Tag, error: unknown, sessions: ReadonlySet<string>) => void;
  #current: Chunk<Tag> | null = null;
  readonly #inFlight = new Set<Promise<void>>();
  /** The in-flight commit that last took each document: a newer write of it waits for that one to finish. */
  readonly #byPath = new Map<string, Promise<void>>();

  constructor(commit: CommitChunk, limits: PipeLimits, onFailure: (tag: Tag, error: unknown, sessions: ReadonlySet<string>) => void) {
    this.#commit = commit;
    this.#limits = limits;
    this.#onFailure = onFailure;
  }

  /** Bytes staged in the batch being filled (in-flight ones are bounded by `maxInFlight`). */
  get pendingBytes(): number {
    return this.#current?.bytes ?? 0;
  }

  /** Adds one write; resolves at once unless a full batch had to wait for a free commit slot. */
  async add(tag: Tag, sessionId: string, op: WriteOp, bytes: number): Promise<void> {
    for (;;) {
      const chunk = this.#current;
      if (chunk === null) {
        this.#current = { tag, ops: [op], at: new Map([[op.ref.path, 0]]), sizes: [bytes], bytes, sessions: new Set([sessionId]) };
        return;
      }
      if (chunk.tag === tag) {
        const index = chunk.at.get(op.ref.path);
        if (index !== undefined) {
          chunk.bytes += bytes - (chunk.sizes[index] ?? 0);
          chunk.ops[index] = op;
          chunk.sizes[index] = bytes;
          chunk.sessions.add(sessionId);
          return;
        }
        if (chunk.ops.length < this.#limits.maxOps && chunk.bytes + bytes <= this.#limits.maxBytes) {
          chunk.at.set(op.ref.path, chunk.ops.length);
          chunk.ops.push(op);
          chunk.sizes.push(bytes);
          chunk.bytes += bytes;
          chunk.sessions.add(sessionId);
          return;
        }
      }
      await this.#send();
    }
  }

  /** Sends the batch being filled and waits until every commit has finished (failures go to their tag). */
  async drain(): Promise<void> {
    await this.#send();
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Forgets the batch being filled (commits already in flight finish on their own). */
  discard(): void {
    this.#current = null;
  }

  async #send(): Promise<void> {
    const chunk = this.#current;
    if (chunk === null) return;
    this.#current = null;
    while (this.#inFlight.size >= this.#limits.maxInFlight) await Promise.race(this.#inFlight);
    // Two versions of one message (it grew between increments) must land in staging order.
    const before = new Set<Promise<void>>();
    for (const op of chunk.ops) {
      const earlier = this.#byPath.get(op.ref.path);
      if (earlier) before.add(earlier);
    }
    const done = (async () => {
      await Promise.all(before);
      try {
        await this.#commit(chunk.ops, chunk.sessions);
      } catch (error) {
        this.#onFailure(chunk.tag, error, chunk.sessions);
      }
    })();
    this.#inFlight.add(done);
    for (const op of chunk.ops) this.#byPath.set(op.ref.path, done);
    // Registered before anyone races on `done`, so a freed slot is seen as free.
    void done.then(() => {
      this.#inFlight.delete(done);
      for (const op of chunk.ops) if (this.#byPath.get(op.ref.path) === done) this.#byPath.delete(op.ref.path);
    });
  }
}
