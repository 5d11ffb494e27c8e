/**
 * A transcript read again from its first byte (`SessionBatch.replace`) replaces what Firestore holds of it: every
 * message document of its session is deleted before any message of the new version is committed, so none of the
 * old version lingers and none of the new one is ever deleted. The first delete commit also sets the session
 * document's `messageCount` to 0 (when the document exists), so at no moment does a session document claim
 * messages that are gone; the flush then commits the new version's session document after its messages.
 */
import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import { grpcCode } from './classify-error.js';
import { commitAtomically, type CommitInterceptor, type WriteOp } from './commit-batches.js';
import { MESSAGES, sessionPath } from './layout.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { NOT_FOUND_CODE } from './sink-failure.js';

export interface DropMessagesOptions {
  /** Writes per commit (the session update counts as one). */
  maxOps: number;
  policy: RetryPolicy;
  intercept?: CommitInterceptor;
}

/** What a drop found. */
export interface Dropped {
  /** Message documents deleted. */
  messages: number;
  /** Whether the session document existed when its messages were dropped. */
  sessionExists: boolean;
}

/**
 * Deletes every message document of `sessionId`, a page of ids (no fields read) per commit. The caller must not
 * commit messages of this session while it runs (the sink drains its pipe first and stages the new ones after).
 */
export async function dropMessages(db: Firestore, sessionId: string, options: DropMessagesOptions): Promise<Dropped> {
  const sessionRef = db.doc(sessionPath(sessionId));
  const messages = sessionRef.collection(MESSAGES);
  const pageSize = Math.max(1, options.maxOps - 1);
  let dropped = 0;
  let sessionExists: boolean | null = null;
  for (;;) {
    // Deleted documents leave the query at once (Firestore is strongly consistent), so the first page is always next.
    const page = await withRetry(() => messages.select().limit(pageSize).get(), options.policy);
    if (page.empty) break;
    const deletes: WriteOp[] = page.docs.map((doc) => ({ kind: 'delete', ref: doc.ref }));
    if (sessionExists === null) {
      const [snapshot] = await withRetry(() => db.getAll(sessionRef, { fieldMask: ['id'] }), options.policy);
      sessionExists = snapshot?.exists ?? false;
      if (sessionExists) sessionExists = await commitWithClaimReset(db, sessionRef, deletes, options);
      else await commitAtomically(db, deletes, options.policy, options.intercept);
    } else {
      await commitAtomically(db, deletes, options.policy, options.intercept);
    }
    dropped += page.size;
    if (page.size < pageSize) break;
  }
  return { messages: dropped, sessionExists: sessionExists ?? false };
}

/**
 * The first deletes, atomically with `messageCount: 0` on the session document (`update`: it is never created
 * here). If the document was deleted since it was read, the deletes go alone. Returns whether it still existed.
 */
async function commitWithClaimReset(db: Firestore, sessionRef: DocumentReference, deletes: WriteOp[], options: DropMessagesOptions): Promise<boolean> {
  try {
    await commitAtomically(db, [{ kind: 'update', ref: sessionRef, data: { messageCount: 0 } }, ...deletes], options.policy, options.intercept);
    return true;
  } catch (error) {
    if (grpcCode(error) !== NOT_FOUND_CODE) throw error;
  }
  await commitAtomically(db, deletes, options.policy, options.intercept);
  return false;
}
