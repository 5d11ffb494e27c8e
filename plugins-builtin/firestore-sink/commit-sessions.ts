/**
 * Session documents (the commit markers) of a flush, many per commit, each commit atomic with one merged update
 * per project. A commit that creates a session document (precondition: absent) increments its project's counters;
 * any other only updates (precondition: present). A wrong guess fails its commit atomically; the existence of that
 * commit's sessions is then read and the commit made again, so counts are exact even when devices race.
 */
import type { DocumentReference, FieldValue, Firestore } from 'firebase-admin/firestore';
import { SinkError } from '../../src/errors.js';
import type { SessionBatch } from '../../src/records/types.js';
import { grpcCode } from './classify-error.js';
import { commitAtomically, inPool, OP_OVERHEAD_BYTES, type CommitInterceptor, type WriteOp } from './commit-batches.js';
import { documentSize } from './document-size.js';
import { projectPath, projectShareOf, projectUpdate, type ProjectShare } from './layout.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { ALREADY_EXISTS_CODE, NOT_FOUND_CODE, SINK_NAME } from './sink-failure.js';

/** Room for one project update in a commit (a few small fields and transforms). */
const PROJECT_OP_BYTES = 4096;
/** Commits of one group before giving up on a session that keeps appearing and disappearing. */
const MAX_GUESSES = 4;

/** A session waiting for the flush that commits its document. */
export interface StagedSession extends Omit<ProjectShare, 'created'> {
  id: string;
  ref: DocumentReference;
  doc: Record<string, unknown>;
  bytes: number;
  /** Whether its commit creates the document (a guess; see the module comment). */
  create: boolean;
}

/** The sessions staged since the last commit of session documents, one entry per session (latest document wins). */
export class SessionStage {
  readonly #sessions = new Map<string, StagedSession>();
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /**
   * Stages `batch`'s session document. The create guess is made by the first increment of a session: one holding
   * every message of its session is (almost always) its first; one with fewer continues a session stored before.
   */
  add(batch: SessionBatch, ref: DocumentReference, doc: Record<string, unknown>, sentMessages: number, known: boolean): void {
    const id = batch.session.id;
    const share = projectShareOf(batch);
    const bytes = documentSize(ref.path, doc) + OP_OVERHEAD_BYTES;
    const earlier = this.#sessions.get(id);
    this.#bytes += bytes - (earlier?.bytes ?? 0);
    this.#sessions.set(id, {
      ...share,
      lastActivityMs: Math.max(share.lastActivityMs, earlier?.lastActivityMs ?? -1),
      id,
      ref,
      doc,
      bytes,
      create: earlier?.create ?? (!known && sentMessages >= batch.session.messageCount),
    });
  }

  /** Everything staged, emptied. */
  take(): StagedSession[] {
    const all = [...this.#sessions.values()];
    this.#sessions.clear();
    this.#bytes = 0;
    return all;
  }
}

export interface CommitSessionsOptions {
  maxOps: number;
  maxBytes: number;
  maxInFlight: number;
  policy: RetryPolicy;
  /** Reports sessions whose document now exists. */
  committed: (ids: string[]) => void;
  /** Wraps a failure of a group of sessions (for its message). */
  failure: (error: unknown, sessions: StagedSession[]) => unknown;
  intercept?: CommitInterceptor;
}

/** Commits the session documents and their projects' updates in groups, several at once. */
export async function commitSessions(db: Firestore, fieldValue: typeof FieldValue, sessions: StagedSession[], options: CommitSessionsOptions): Promise<void> {
  await inPool(groupSessions(sessions, options.maxOps, options.maxBytes), options.maxInFlight, async (group) => {
    try {
      await commitGroup(db, fieldValue, group, options);
    } catch (error) {
      throw options.failure(error, group);
    }
  });
}

/**
 * Groups sessions into commits of at most `maxOps` writes (sessions plus one per distinct project) and about
 * `maxBytes`. Sessions are ordered by project so that a project's update is written by as few commits as possible.
 */
export function groupSessions(sessions: ReadonlyArray<StagedSession>, maxOps: number, maxBytes: number): StagedSession[][] {
  const ordered = [...sessions].sort((a, b) => (a.project.id < b.project.id ? -1 : a.project.id > b.project.id ? 1 : 0));
  const groups: StagedSession[][] = [];
  let group: StagedSession[] = [];
  let projects = new Set<string>();
  let bytes = 0;
  for (const session of ordered) {
    const newProject = !projects.has(session.project.id);
    const ops = group.length + projects.size + 1 + (newProject ? 1 : 0);
    const size = session.bytes + (newProject ? PROJECT_OP_BYTES : 0);
    if (group.length > 0 && (ops > maxOps || bytes + size > maxBytes)) {
      groups.push(group);
      group = [];
      projects = new Set();
      bytes = 0;
    }
    if (!projects.has(session.project.id)) bytes += PROJECT_OP_BYTES;
    projects.add(session.project.id);
    group.push(session);
    bytes += session.bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The writes of one group: each session document, then one merged update per project. */
function groupOps(db: Firestore, fieldValue: typeof FieldValue, group: ReadonlyArray<StagedSession>): WriteOp[] {
  const ops: WriteOp[] = [];
  const shares = new Map<string, ProjectShare[]>();
  for (const s of group) {
    ops.push(s.create ? { kind: 'create', ref: s.ref, data: s.doc } : { kind: 'update', ref: s.ref, data: s.doc });
    const list = shares.get(s.project.id) ?? [];
    list.push({ project: s.project, kind: s.kind, device: s.device, lastActivityMs: s.lastActivityMs, created: s.create });
    shares.set(s.project.id, list);
  }
  for (const [id, list] of shares) ops.push({ kind: 'set', ref: db.doc(projectPath(id)), data: projectUpdate(list, fieldValue), merge: true });
  return ops;
}

async function commitGroup(db: Firestore, fieldValue: typeof FieldValue, group: StagedSession[], options: CommitSessionsOptions): Promise<void> {
  for (let attempt = 0; attempt < MAX_GUESSES; attempt += 1) {
    try {
      await commitAtomically(db, groupOps(db, fieldValue, group), options.policy, options.intercept);
      options.committed(group.map((s) => s.id));
      return;
    } catch (error) {
      const code = grpcCode(error);
      if (code !== ALREADY_EXISTS_CODE && code !== NOT_FOUND_CODE) throw error;
    }
    // Some guess was wrong: read which of these sessions exist (ids only), and guess again from that.
    const snapshots = await withRetry(() => db.getAll(...group.map((s) => s.ref), { fieldMask: ['id'] }), options.policy);
    const exists = new Set(snapshots.filter((snapshot) => snapshot.exists).map((snapshot) => snapshot.ref.path));
    for (const session of group) session.create = !exists.has(session.ref.path);
  }
  const which = group.length === 1 ? `session ${group[0]?.id}` : `one of ${group.length} sessions`;
  throw new SinkError(SINK_NAME, `${which} kept being created and deleted while syncing; run sync again`, { unavailable: false });
}
