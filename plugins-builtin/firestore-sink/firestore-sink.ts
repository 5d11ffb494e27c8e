/**
 * The Firestore `Sink`: one probe on open; `write()` stages (message writes packed across transcripts into full
 * commits that start at once, several in flight), `flush()` commits the session documents (the commit markers) and
 * project updates only after every message commit was acknowledged. Retries with backoff on transient errors.
 */
import type { Logger, Sink, TitleUpdate } from '../../src/plugins/types.js';
import type { MessageRecord, SessionBatch, SessionRecord } from '../../src/records/types.js';
import { EXIT, SinkError } from '../../src/errors.js';
import { SINK_NAME, sinkFailure } from './sink-failure.js';
import { commitAtomically, OP_OVERHEAD_BYTES, type CommitInterceptor } from './commit-batches.js';
import { commitSessions, SessionStage, type StagedSession } from './commit-sessions.js';
import { describeIdentity, resolveCredentials, type Credentials } from './credentials.js';
import { isTransient, type FailureContext } from './classify-error.js';
import { dropMessages } from './drop-messages.js';
import { DOCUMENT_BUDGET_BYTES, documentSize, fitDocument } from './document-size.js';
import { messageDocument, messagePath, sessionDocument, sessionPath } from './layout.js';
import { MessagePipe } from './message-pipe.js';
import { openFirestore, probeFirestore, type FirestoreClient } from './open-firestore.js';
import { DEFAULT_DATABASE_ID, tuningOf, type FirestoreSinkOptions, type ResolvedTuning } from './options.js';
import type { RetryPolicy } from './retry.js';
import { listStoredSessions, updateStoredTitles } from './stored-sessions.js';

export { SINK_NAME };

export interface FirestoreSinkDeps {
  logger: Logger;
  signal: AbortSignal;
  /** Relative credential paths are resolved against this (the state directory). */
  baseDir: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Wraps every commit attempt of a write (`messages` or `sessions` phase): gets the paths it holds and the attempt
   * itself. Tests watch the order of commits and fail some with it (a throw fails the attempt as the server would).
   */
  interceptCommit?: (phase: 'messages' | 'sessions', paths: string[], commit: () => Promise<void>) => Promise<void>;
}

/** A sink whose writes are staged until `flush()`. */
export type StagingSink = Sink & { flush(): Promise<void> };

/** Creates the sink; nothing is loaded or contacted before `open()`. */
export function createFirestoreSink(options: FirestoreSinkOptions, deps: FirestoreSinkDeps): StagingSink {
  return new FirestoreSink(options, deps);
}

/** Everything staged since the runner's last flush, and the first failure among it (then the flush rejects). */
interface Window {
  failure: SinkError | null;
}

interface Opened {
  client: FirestoreClient;
  credentials: Credentials;
  messages: MessagePipe<Window>;
}

class FirestoreSink implements Sink {
  readonly name = SINK_NAME;
  readonly #options: FirestoreSinkOptions;
  readonly #deps: FirestoreSinkDeps;
  readonly #tuning: ResolvedTuning;
  #opening: Promise<Opened> | null = null;
  #opened: Opened | null = null;
  /** Sessions whose document exists (created or seen in this run): no need to try `create` again. */
  readonly #known = new Set<string>();
  #window: Window = { failure: null };
  readonly #sessions = new SessionStage();

  constructor(options: FirestoreSinkOptions, deps: FirestoreSinkDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#tuning = tuningOf(options);
  }

  async open(): Promise<void> {
    await this.#ready();
  }

  /**
   * Stages the batch: its messages join the batch being filled (a full one is committed at once, in the
   * background); its session document waits for `flush()`. Resolves at once, unless commits in flight are at
   * their limit or the staged bytes passed `maxStagedBytes` (then it commits what is staged first).
   */
  async write(batch: SessionBatch): Promise<void> {
    const { client, messages: pipe } = await this.#ready();
    const window = this.#window;
    if (window.failure) {
      // This window is lost (the flush will say so): staging more would only be re-sent again.
      if (window.failure.exitCode === EXIT.SINK_UNAVAILABLE) throw window.failure;
      return;
    }
    const { db, fieldValue } = client;
    const session = batch.session;
    if (batch.replace && !(await this.#replace(window, session.id))) {
      const lost = unreachableIn(window);
      if (lost) throw lost;
      return;
    }
    const messages = latestById(batch.messages);
    for (const message of messages) {
      const path = messagePath(session.id, message.id);
      const data = messageDocument(message);
      let size = documentSize(path, data);
      if (size > DOCUMENT_BUDGET_BYTES) {
        fitDocument(path, data);
        size = documentSize(path, data);
        this.#deps.logger.debug(`[${SINK_NAME}] message ${message.id} of ${session.id} shortened to fit 1 MiB`);
      }
      // Messages belong to sync alone (user fields live on the session), so a plain set: cheaper than a field mask.
      await pipe.add(window, session.id, { kind: 'set', ref: db.doc(path), data }, size + OP_OVERHEAD_BYTES);
    }
    const ref = db.doc(sessionPath(session.id));
    const doc = sessionDocument(session, fieldValue);
    fitDocument(ref.path, doc);
    this.#sessions.add(batch, ref, doc, messages.length, this.#known.has(session.id));
    if (this.#sessions.bytes + pipe.pendingBytes > this.#tuning.maxStagedBytes) await this.#commit(window, this.#sessions.take());
    // Commits made while this write waited may have failed meanwhile: an unreachable sink is reported at once.
    const lost = unreachableIn(window);
    if (lost) throw lost;
  }

  /**
   * Deletes the session's stored messages before the new version's are staged: the pipe is drained first, so no
   * commit of the old version can land after the deletes (and none of the new one has been staged yet). False
   * when the window is lost (a drained commit or the deletes failed).
   */
  async #replace(window: Window, sessionId: string): Promise<boolean> {
    const opened = this.#opened;
    if (!opened) return false;
    await opened.messages.drain();
    if (window.failure) return false;
    try {
      const dropped = await dropMessages(opened.client.db, sessionId, { maxOps: this.#tuning.maxBatchOps, policy: this.#policy(), intercept: this.#intercept('messages') });
      if (dropped.sessionExists) this.#known.add(sessionId);
      this.#deps.logger.debug(`[${SINK_NAME}] ${dropped.messages} stored message(s) of ${sessionId} dropped: its transcript is read again from the start`);
      return true;
    } catch (error) {
      window.failure ??= sinkFailure(error, this.#context(`replacing the messages of ${describeSessions([sessionId])}`));
      return false;
    }
  }

  /** Commits everything staged: the message commits first, then the session documents. Rejects if any failed. */
  async flush(): Promise<void> {
    const window = this.#window;
    this.#window = { failure: null };
    await this.#commit(window, this.#sessions.take());
    if (window.failure) throw window.failure;
  }

  /**
   * Waits for every message commit, then (only if all of them succeeded) commits the session documents. A failure
   * is kept on the window; the staged sessions are then dropped, since their messages may be missing.
   */
  async #commit(window: Window, sessions: StagedSession[]): Promise<void> {
    const opened = this.#opened;
    if (!opened) return;
    await opened.messages.drain();
    if (window.failure || sessions.length === 0) return;
    const { db, fieldValue } = opened.client;
    const { maxBatchOps: maxOps, maxBatchBytes: maxBytes, maxInFlight } = this.#tuning;
    try {
      await commitSessions(db, fieldValue, sessions, {
        maxOps,
        maxBytes,
        maxInFlight,
        policy: this.#policy(),
        committed: (ids) => ids.forEach((id) => this.#known.add(id)),
        failure: (error, group) => sinkFailure(error, this.#context(`writing ${describeSessions(group.map((s) => s.id))}`)),
        intercept: this.#intercept('sessions'),
      });
    } catch (error) {
      window.failure ??= error instanceof SinkError ? error : sinkFailure(error, this.#context('writing sessions'));
    }
  }

  #intercept(phase: 'messages' | 'sessions'): CommitInterceptor | undefined {
    const hook = this.#deps.interceptCommit;
    return hook ? (ops, commit) => hook(phase, ops.map((op) => op.ref.path), commit) : undefined;
  }

  async *listSessions(filter: { project: string | null }): AsyncIterable<SessionRecord> {
    const { client } = await this.#ready();
    yield* listStoredSessions(client, filter.project, { context: this.#context('listing sessions'), logger: this.#deps.logger });
  }

  async updateTitles(updates: ReadonlyArray<TitleUpdate>): Promise<void> {
    if (updates.length === 0) return;
    const { client } = await this.#ready();
    const { maxBatchOps: maxOps, maxBatchBytes: maxBytes, maxInFlight } = this.#tuning;
    await updateStoredTitles(client, updates, { maxOps, maxBytes, maxInFlight, policy: this.#policy(), context: this.#context('updating titles'), logger: this.#deps.logger });
  }

  /** Drops what is staged: no session document of an unflushed write is committed (messages in flight may land). */
  async close(): Promise<void> {
    this.#opened?.messages.discard();
    this.#sessions.take();
    this.#window = { failure: null };
    const opening = this.#opening;
    this.#opening = null;
    this.#opened = null;
    if (!opening) return;
    const opened = await opening.catch(() => null);
    await opened?.client.close();
  }

  /** Opens once: credentials, client, the probe. A failure is one SinkError; the next call tries again. */
  #ready(): Promise<Opened> {
    if (this.#opening === null) {
      this.#opening = this.#open();
      this.#opening.catch(() => {
        this.#opening = null;
      });
    }
    return this.#opening;
  }

  async #open(): Promise<Opened> {
    const env = this.#deps.env ?? process.env;
    const resolved = resolveCredentials(this.#options, env, this.#deps.baseDir);
    if (!resolved.ok) throw new SinkError(SINK_NAME, resolved.problem, { suggestions: resolved.suggestions });
    const credentials = resolved.value;
    const client = await openFirestore(credentials, { databaseId: this.#databaseId(), timeoutMs: this.#tuning.timeoutMs, sink: SINK_NAME });
    try {
      await probeFirestore(client, this.#contextFor(credentials, 'probing'));
    } catch (error) {
      await client.close();
      throw error;
    }
    const messages = new MessagePipe<Window>(
      (ops, sessions) => commitAtomically(client.db, ops, this.#policy(), this.#intercept('messages')).catch((error: unknown) => {
        throw sinkFailure(error, this.#contextFor(credentials, `writing the messages of ${describeSessions([...sessions])}`));
      }),
      { maxOps: this.#tuning.maxBatchOps, maxBytes: this.#tuning.maxBatchBytes, maxInFlight: this.#tuning.maxInFlight },
      (window, error) => {
        window.failure ??= error instanceof SinkError ? error : sinkFailure(error, this.#contextFor(credentials, 'writing messages'));
      },
    );
    this.#opened = { client, credentials, messages };
    return this.#opened;
  }

  #databaseId(): string {
    return this.#options.databaseId ?? DEFAULT_DATABASE_ID;
  }

  #contextFor(credentials: Credentials, action: string): FailureContext {
    return {
      action,
      sink: SINK_NAME,
      projectId: credentials.projectId,
      databaseId: this.#databaseId(),
      identity: describeIdentity(credentials),
      emulatorHost: credentials.kind === 'emulator' ? credentials.emulatorHost : null,
    };
  }

  #context(action: string): FailureContext {
    if (!this.#opened) throw new SinkError(SINK_NAME, 'used before open()', { unavailable: false });
    return this.#contextFor(this.#opened.credentials, action);
  }

  #policy(): RetryPolicy {
    return { retries: this.#tuning.retries, baseDelayMs: this.#tuning.retryBaseMs, isTransient, signal: this.#deps.signal };
  }
}

/** The window's failure if it means the sink cannot be reached (the runner then takes it out of the run). */
function unreachableIn(window: Window): SinkError | null {
  return window.failure?.exitCode === EXIT.SINK_UNAVAILABLE ? window.failure : null;
}

/** `session x` or `12 sessions`, for messages. */
function describeSessions(ids: string[]): string {
  return ids.length === 1 ? `session ${ids[0]}` : `${ids.length} sessions`;
}

/** A message re-emitted within one batch (it grew) is written once, in its latest form. */
function latestById(messages: ReadonlyArray<MessageRecord>): MessageRecord[] {
  const byId = new Map<string, MessageRecord>();
  for (const message of messages) byId.set(message.id, message);
  return [...byId.values()];
}
