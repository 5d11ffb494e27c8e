/**
 * Commits writes in WriteBatches bounded by operation count and bytes, several in flight, each retried with
 * backoff. Plain batches, not BulkWriter: BulkWriter's 500-ops/s ramp-up would be the ceiling of a first sync.
 */
import type { DocumentReference, Firestore, WriteBatch } from 'firebase-admin/firestore';
import { documentSize } from './document-size.js';
import { RetriesExhausted, withRetry, type RetryPolicy } from './retry.js';

/**
 * One write. `set` with `mergeFields` replaces only those fields; `merge` merges maps; `create` fails if the document
 * exists; `delete` succeeds whether or not it does.
 */
export type WriteOp =
  | { kind: 'set'; ref: DocumentReference; data: Record<string, unknown>; mergeFields?: string[]; merge?: boolean }
  | { kind: 'create'; ref: DocumentReference; data: Record<string, unknown> }
  | { kind: 'update'; ref: DocumentReference; data: Record<string, unknown> }
  | { kind: 'delete'; ref: DocumentReference };

/** Per-write overhead of a commit request beyond the document itself (field masks, transforms, framing). */
export const OP_OVERHEAD_BYTES = 256;

/** Wraps every commit attempt: gets its writes and the attempt itself (tests watch and fail commits with it). */
export type CommitInterceptor = (ops: ReadonlyArray<WriteOp>, commit: () => Promise<void>) => Promise<void>;

/** Splits writes into batches of at most `maxOps` writes and about `maxBytes` bytes (a lone larger write gets its own batch). */
export function chunkWrites(ops: ReadonlyArray<WriteOp>, maxOps: number, maxBytes: number): WriteOp[][] {
  const chunks: WriteOp[][] = [];
  let current: WriteOp[] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = documentSize(op.ref.path, op.kind === 'delete' ? {} : op.data) + OP_OVERHEAD_BYTES;
    if (current.length > 0 && (current.length >= maxOps || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function buildBatch(db: Firestore, ops: ReadonlyArray<WriteOp>): WriteBatch {
  const batch = db.batch();
  for (const op of ops) {
    if (op.kind === 'delete') batch.delete(op.ref);
    else if (op.kind === 'create') batch.create(op.ref, op.data);
    else if (op.kind === 'update') batch.update(op.ref, op.data);
    else if (op.mergeFields) batch.set(op.ref, op.data, { mergeFields: op.mergeFields });
    else batch.set(op.ref, op.data, { merge: op.merge ?? false });
  }
  return batch;
}

/**
 * One commit attempt. The SDK's public `commit()` retries UNAVAILABLE on its own for up to ten minutes (and a
 * closing client waits for it); its internal `_commit` takes the retry codes, so we ask for none and own the policy.
 */
async function commitOnce(batch: WriteBatch): Promise<void> {
  const internal: unknown = Reflect.get(batch, '_commit');
  if (typeof internal === 'function') {
    await Reflect.apply(internal, batch, [{ retryCodes: [] }]);
    return;
  }
  await batch.commit();
}

/** Commits `ops` atomically (one batch), retrying transient failures. */
export async function commitAtomically(db: Firestore, ops: ReadonlyArray<WriteOp>, policy: RetryPolicy, intercept?: CommitInterceptor): Promise<void> {
  const attempt = () => commitOnce(buildBatch(db, ops));
  await withRetry(() => (intercept ? intercept(ops, attempt) : attempt()), policy);
}

/**
 * Commits many writes in bounded batches with up to `maxInFlight` commits at once. On the first failure no new
 * batch starts; the ones in flight finish, then that failure is thrown. Batches are not atomic with each other.
 */
export async function commitAll(
  db: Firestore,
  ops: ReadonlyArray<WriteOp>,
  options: { maxOps: number; maxBytes: number; maxInFlight: number; policy: RetryPolicy },
): Promise<void> {
  await commitChunks(db, chunkWrites(ops, options.maxOps, options.maxBytes), options);
}

/** Commits ready-made batches, up to `maxInFlight` at once (see commitAll). */
async function commitChunks(db: Firestore, chunks: ReadonlyArray<WriteOp[]>, options: { maxInFlight: number; policy: RetryPolicy }): Promise<void> {
  await inPool(chunks, options.maxInFlight, (chunk) => commitAtomically(db, chunk, options.policy));
}

/**
 * Runs `work` over `items`, up to `maxInFlight` at once. On the first failure no new item starts; the ones in
 * flight finish, then that failure is thrown.
 */
export async function inPool<T>(items: ReadonlyArray<T>, maxInFlight: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    for (let item = items[next++]; item !== undefined && failures.length === 0; item = items[next++]) {
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxInFlight, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

export { RetriesExhausted };
