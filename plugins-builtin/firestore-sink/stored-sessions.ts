/** Reading stored session documents back and updating their titles: what `--regenerate-titles` needs of the sink. */
import type { QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { Logger, TitleUpdate } from '../../src/plugins/types.js';
import type { SessionRecord } from '../../src/records/types.js';
import { grpcCode, type FailureContext } from './classify-error.js';
import { commitAll, commitAtomically, type WriteOp } from './commit-batches.js';
import { SESSIONS, sessionPath, TITLE_FIELDS, toFirestoreData } from './layout.js';
import type { FirestoreClient } from './open-firestore.js';
import type { RetryPolicy } from './retry.js';
import { storedSessionSchema } from './session-schema.js';
import { NOT_FOUND_CODE, SINK_NAME, sinkFailure } from './sink-failure.js';

const LIST_PAGE_SIZE = 300;

/** Every stored session (optionally of one project), page by page; documents off the layout are skipped and counted. */
export async function* listStoredSessions(
  client: FirestoreClient,
  project: string | null,
  options: { context: FailureContext; logger: Logger },
): AsyncIterable<SessionRecord> {
  const { db } = client;
  let invalid = 0;
  let after: QueryDocumentSnapshot | null = null;
  for (;;) {
    let query = db.collection(SESSIONS).orderBy(client.documentIdField).limit(LIST_PAGE_SIZE);
    if (after !== null) query = query.startAfter(after);
    const page = await query.get().catch((error: unknown) => {
      throw sinkFailure(error, options.context);
    });
    for (const doc of page.docs) {
      const parsed = storedSessionSchema.safeParse(doc.data());
      if (!parsed.success) {
        invalid += 1;
        continue;
      }
      if (project === null || projectMatches(project, parsed.data)) yield parsed.data;
    }
    if (page.size < LIST_PAGE_SIZE) break;
    after = page.docs[page.docs.length - 1] ?? null;
    if (after === null) break;
  }
  if (invalid > 0) options.logger.warn(`[${SINK_NAME}] skipped ${invalid} session document(s) that do not match the layout (edited by hand, or from another schema version)`);
}

/** Sets only the title fields of stored sessions; one deleted meanwhile is skipped (and counted), not re-created. */
export async function updateStoredTitles(
  client: FirestoreClient,
  updates: ReadonlyArray<TitleUpdate>,
  options: { maxOps: number; maxBytes: number; maxInFlight: number; policy: RetryPolicy; context: FailureContext; logger: Logger },
): Promise<void> {
  if (updates.length === 0) return;
  const { db } = client;
  // `update` (not set): a session deleted meanwhile must not come back as a document holding only a title.
  const ops: WriteOp[] = updates.map((u) => ({
    kind: 'update',
    ref: db.doc(sessionPath(u.id)),
    data: Object.fromEntries(TITLE_FIELDS.map((field) => [field, toFirestoreData(u[field]) ?? null])),
  }));
  try {
    await commitAll(db, ops, options);
  } catch (error) {
    if (grpcCode(error) !== NOT_FOUND_CODE) throw sinkFailure(error, options.context);
    let missing = 0;
    for (const op of ops) {
      try {
        await commitAtomically(db, [op], options.policy);
      } catch (single) {
        if (grpcCode(single) !== NOT_FOUND_CODE) throw sinkFailure(single, options.context);
        missing += 1;
      }
    }
    options.logger.warn(`[${SINK_NAME}] ${missing} session(s) were deleted from Firestore meanwhile; their titles were not updated`);
  }
}

/** `--project` matching, as everywhere: a project's name or path (case-insensitive), or a directory above its path. */
function projectMatches(filter: string, session: SessionRecord): boolean {
  const f = filter.toLowerCase().replace(/\/+$/, '');
  const p = session.projectPath.toLowerCase().replace(/\/+$/, '');
  return session.projectName.toLowerCase() === f || session.projectId === filter || p === f || p.startsWith(`${f}/`);
}
