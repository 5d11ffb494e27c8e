/**
 * The Firestore `Sink`: one probe on open, messages before the session document (the commit marker), the project
 * document merged with server-side transforms in the same commit as its session, retries with backoff.
 */
import type { QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { Logger, Sink, TitleUpdate } from '../../src/plugins/types.js';
import type { MessageRecord, SessionBatch, SessionRecord } from '../../src/records/types.js';
import { ALREADY_EXISTS_CODE, NOT_FOUND_CODE, sinkFailure } from './sink-failure.js';
import { chunkWrites, commitAll, commitAtomically, commitChunks, type WriteOp } from './commit-batches.js';
import { describeIdentity, resolveCredentials, type Credentials } from './credentials.js';
import { grpcCode, isTransient, type FailureContext } from './classify-error.js';
import { documentSize, fitDocument } from './document-size.js';
import { messageDocument, messagePath, projectPath, projectUpdate, sessionDocument, sessionPath, SESSIONS, TITLE_FIELDS, toFirestoreData } from './layout.js';
import { openFirestore, probeFirestore, type FirestoreClient } from './open-firestore.js';
import { DEFAULT_DATABASE_ID, tuningOf, type FirestoreSinkOptions, type ResolvedTuning } from './options.js';
import type { RetryPolicy } from './retry.js';
import { storedSessionSchema } from './session-schema.js';
import { SinkError } from '../../src/errors.js';

/** The sink's name in cursors, errors and `status`. */
export const SINK_NAME = 'firestore';

const LIST_PAGE_SIZE = 300;

export interface FirestoreSinkDeps {
  logger: Logger;
  signal: AbortSignal;
  /** Relative credential paths are resolved against this (the state directory). */
  baseDir: string;
  env?: NodeJS.ProcessEnv;
}

/** Creates the sink; nothing is loaded or contacted before `open()`. */
export function createFirestoreSink(options: FirestoreSinkOptions, deps: FirestoreSinkDeps): Sink {
  return new FirestoreSink(options, deps);
}

class FirestoreSink implements Sink {
  readonly name = SINK_NAME;
  readonly #options: FirestoreSinkOptions;
  readonly #deps: FirestoreSinkDeps;
  readonly #tuning: ResolvedTuning;
  #opening: Promise<{ client: FirestoreClient; credentials: Credentials }> | null = null;
  #opened: { client: FirestoreClient; credentials: Credentials } | null = null;
  /** Sessions whose document exists (created or seen in this run): no need to try `create` again. */
  readonly #known = new Set<string>();

  constructor(options: FirestoreSinkOptions, deps: FirestoreSinkDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#tuning = tuningOf(options);
  }

  async open(): Promise<void> {
    await this.#ready();
  }

  async write(batch: SessionBatch): Promise<void> {
    const { client } = await this.#ready();
    const { db, fieldValue } = client;
    const session = batch.session;
    const context = this.#context(`writing session ${session.id}`);
    const messages = latestById(batch.messages);
    const messageOps: WriteOp[] = messages.map((message) => {
      const path = messagePath(session.id, message.id);
      const data = messageDocument(message);
      if (fitDocument(path, data) > 0) this.#deps.logger.debug(`[${SINK_NAME}] message ${message.id} of ${session.id} shortened to fit 1 MiB`);
      // Messages belong to sync alone (user fields live on the session), so a plain set: cheaper than a field mask.
      return { kind: 'set', ref: db.doc(path), data };
    });
    const sessionRef = db.doc(sessionPath(session.id));
    const doc = sessionDocument(session, fieldValue);
    fitDocument(sessionRef.path, doc);

    // The session document is the commit marker: it goes in the last commit, after every other message batch
    // was acknowledged, atomically with the last messages (so a small transcript costs one round trip).
    const room = { ops: this.#tuning.maxBatchOps - 2, bytes: this.#tuning.maxBatchBytes - documentSize(sessionRef.path, doc) - 4096 };
    const chunks = chunkWrites(messageOps, room.ops, Math.max(room.bytes, 64 * 1024));
    const last = chunks.pop() ?? [];
    await this.#guard(context, async () => {
      await commitChunks(db, chunks, { maxInFlight: this.#tuning.maxInFlight, policy: this.#policy() });
      await this.#commitSession(batch, last, doc, messages.length);
    });
  }

  /**
   * Commits the session document with `extra` writes and the project update. The commit that creates the
   * document (precondition: absent) increments the project's counters; any other only updates (precondition:
   * present). Whichever guess is wrong fails atomically and the other is made, so counts are exact under races.
   */
  async #commitSession(batch: SessionBatch, extra: WriteOp[], doc: Record<string, unknown>, sentMessages: number): Promise<void> {
    const { db, fieldValue } = (this.#opened ?? unreachable()).client;
    const id = batch.session.id;
    const sessionRef = db.doc(sessionPath(id));
    const projectRef = db.doc(projectPath(batch.project.id));
    // A batch holding every message of its session is (almost always) its first: guess `create`; a batch with
    // fewer continues a session a run before stored. A wrong guess costs one more round trip, never a wrong count.
    let create = !this.#known.has(id) && sentMessages >= batch.session.messageCount;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ops: WriteOp[] = [
        ...extra,
        create ? { kind: 'create', ref: sessionRef, data: doc } : { kind: 'update', ref: sessionRef, data: doc },
        { kind: 'set', ref: projectRef, data: projectUpdate(batch, fieldValue, create), merge: true },
      ];
      try {
        await commitAtomically(db, ops, this.#policy());
        this.#known.add(id);
        return;
      } catch (error) {
        const code = grpcCode(error);
        if (create && code === ALREADY_EXISTS_CODE) create = false;
        else if (!create && code === NOT_FOUND_CODE) create = true;
        else throw error;
      }
    }
    throw new SinkError(SINK_NAME, `session ${id} kept being created and deleted while syncing; run sync again`, { unavailable: false });
  }

  async *listSessions(filter: { project: string | null }): AsyncIterable<SessionRecord> {
    const { client } = await this.#ready();
    const { db } = client;
    const context = this.#context('listing sessions');
    let invalid = 0;
    let after: QueryDocumentSnapshot | null = null;
    for (;;) {
      let query = db.collection(SESSIONS).orderBy(client.documentIdField).limit(LIST_PAGE_SIZE);
      if (after !== null) query = query.startAfter(after);
      const page = await this.#guard(context, () => query.get());
      for (const doc of page.docs) {
        const parsed = storedSessionSchema.safeParse(doc.data());
        if (!parsed.success) {
          invalid += 1;
          continue;
        }
        if (filter.project === null || projectMatches(filter.project, parsed.data)) yield parsed.data;
      }
      if (page.size < LIST_PAGE_SIZE) break;
      after = page.docs[page.docs.length - 1] ?? null;
      if (after === null) break;
    }
    if (invalid > 0) this.#deps.logger.warn(`[${SINK_NAME}] skipped ${invalid} session document(s) that do not match the layout (edited by hand, or from another schema version)`);
  }

  async updateTitles(updates: ReadonlyArray<TitleUpdate>): Promise<void> {
    if (updates.length === 0) return;
    const { client } = await this.#ready();
    const { db } = client;
    const context = this.#context('updating titles');
    // `update` (not set): a session deleted meanwhile must not come back as a document holding only a title.
    const ops: WriteOp[] = updates.map((u) => ({
      kind: 'update',
      ref: db.doc(sessionPath(u.id)),
      data: Object.fromEntries(TITLE_FIELDS.map((field) => [field, toFirestoreData(u[field]) ?? null])),
    }));
    const options = { maxOps: this.#tuning.maxBatchOps, maxBytes: this.#tuning.maxBatchBytes, maxInFlight: this.#tuning.maxInFlight, policy: this.#policy() };
    try {
      await commitAll(db, ops, options);
    } catch (error) {
      if (grpcCode(error) !== NOT_FOUND_CODE) throw sinkFailure(error, context);
      let missing = 0;
      for (const op of ops) {
        try {
          await commitAtomically(db, [op], options.policy);
        } catch (single) {
          if (grpcCode(single) !== NOT_FOUND_CODE) throw sinkFailure(single, context);
          missing += 1;
        }
      }
      this.#deps.logger.warn(`[${SINK_NAME}] ${missing} session(s) were deleted from Firestore meanwhile; their titles were not updated`);
    }
  }

  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = null;
    this.#opened = null;
    if (!opening) return;
    const opened = await opening.catch(() => null);
    await opened?.client.close();
  }

  /** Opens once: credentials, client, the probe. A failure is one SinkError; the next call tries again. */
  #ready(): Promise<{ client: FirestoreClient; credentials: Credentials }> {
    if (this.#opening === null) {
      this.#opening = this.#open();
      this.#opening.catch(() => {
        this.#opening = null;
      });
    }
    return this.#opening;
  }

  async #open(): Promise<{ client: FirestoreClient; credentials: Credentials }> {
    const env = this.#deps.env ?? process.env;
    const resolved = resolveCredentials(this.#options, env, this.#deps.baseDir);
    if (!resolved.ok) throw new SinkError(SINK_NAME, resolved.problem, { suggestions: resolved.suggestions });
    const credentials = resolved.value;
    const client = await openFirestore(credentials, { databaseId: this.#databaseId(), timeoutMs: this.#tuning.timeoutMs, sink: SINK_NAME });
    try {
      await probeFirestore(client, { ...this.#contextFor(credentials), action: 'probing' });
    } catch (error) {
      await client.close();
      throw error;
    }
    this.#opened = { client, credentials };
    return this.#opened;
  }

  #databaseId(): string {
    return this.#options.databaseId ?? DEFAULT_DATABASE_ID;
  }

  #contextFor(credentials: Credentials): Omit<FailureContext, 'action'> {
    return {
      sink: SINK_NAME,
      projectId: credentials.projectId,
      databaseId: this.#databaseId(),
      identity: describeIdentity(credentials),
      emulatorHost: credentials.kind === 'emulator' ? credentials.emulatorHost : null,
    };
  }

  #context(action: string): FailureContext {
    if (!this.#opened) throw new SinkError(SINK_NAME, 'used before open()', { unavailable: false });
    return { ...this.#contextFor(this.#opened.credentials), action };
  }

  #policy(): RetryPolicy {
    return { retries: this.#tuning.retries, baseDelayMs: this.#tuning.retryBaseMs, isTransient, signal: this.#deps.signal };
  }

  async #guard<T>(context: FailureContext, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw sinkFailure(error, context);
    }
  }
}

function unreachable(): never {
  throw new SinkError(SINK_NAME, 'used before open()', { unavailable: false });
}

/** A message re-emitted within one batch (it grew) is written once, in its latest form. */
function latestById(messages: ReadonlyArray<MessageRecord>): MessageRecord[] {
  const byId = new Map<string, MessageRecord>();
  for (const message of messages) byId.set(message.id, message);
  return [...byId.values()];
}

/** `--project` matching, as everywhere: a project's name or path (case-insensitive), or a directory above its path. */
function projectMatches(filter: string, session: SessionRecord): boolean {
  const f = filter.toLowerCase().replace(/\/+$/, '');
  const p = session.projectPath.toLowerCase().replace(/\/+$/, '');
  return session.projectName.toLowerCase() === f || session.projectId === filter || p === f || p.startsWith(`${f}/`);
}
