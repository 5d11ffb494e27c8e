/**
 * The Firestore layout (docs/firestore.md): `projects/{projectId}`, `sessions/{sessionId}` and
 * `sessions/{sessionId}/messages/{messageId}`. Ids are deterministic, so re-sending overwrites instead of duplicating.
 */
import { createHash } from 'node:crypto';
import type { FieldValue } from 'firebase-admin/firestore';
import { SCHEMA_VERSION, type DeviceInfo, type MessageRecord, type ProjectRecord, type SessionBatch, type SessionRecord } from '../../src/records/types.js';

export const PROJECTS = 'projects';
export const SESSIONS = 'sessions';
/** Subcollection of a session: a resumed session that repeats uuids writes under its own session, never another's. */
export const MESSAGES = 'messages';

/** Firestore forbids `/`, `.`/`..` and `__x__` ids and ids over 1500 bytes; such ids are hashed (the real id stays in the `id` field). */
export function documentId(id: string): string {
  const valid = id !== '' && id !== '.' && id !== '..' && !id.includes('/') && !/^__.*__$/.test(id) && Buffer.byteLength(id) <= 1500;
  return valid ? id : `~${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** Path of a session document. */
export function sessionPath(sessionId: string): string {
  return `${SESSIONS}/${documentId(sessionId)}`;
}

/** Path of a message document (under its session). */
export function messagePath(sessionId: string, messageId: string): string {
  return `${sessionPath(sessionId)}/${MESSAGES}/${documentId(messageId)}`;
}

/** Path of a project document. */
export function projectPath(projectId: string): string {
  return `${PROJECTS}/${documentId(projectId)}`;
}

/** Map keys Firestore rejects (empty, `__x__`) are renamed; everything else is plain JSON already. */
function safeKey(key: string): string {
  if (key === '') return '(empty)';
  return wellFormed(/^__.*__$/.test(key) ? `_${key}` : key);
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Firestore stores UTF-8, so a lone surrogate (transcripts cut mid-emoji contain them) would silently become
 * U+FFFD on the server; replacing it here makes what we write what is stored.
 */
export function wellFormed(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** A deep copy fit for Firestore: no undefined values, no reserved map keys, well-formed strings. */
export function toFirestoreData(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(toFirestoreData);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[safeKey(key)] = toFirestoreData(item);
    }
    return out;
  }
  return value;
}

function plainObject(value: unknown): Record<string, unknown> {
  const data = toFirestoreData(value);
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data } : {};
}

/** The message document: the record as is, plus the layout version. */
export function messageDocument(message: MessageRecord): Record<string, unknown> {
  return { ...plainObject(message), schemaVersion: SCHEMA_VERSION };
}

/**
 * The session document: every field sync owns. `customTitle` is left out on purpose: it belongs to the user, and
 * writes use these keys as the field mask, so it and any other user-set field survive every sync.
 */
export function sessionDocument(session: SessionRecord, fieldValue: typeof FieldValue): Record<string, unknown> {
  const { customTitle: _userOwned, ...owned } = session;
  return {
    ...plainObject(owned),
    deviceId: session.device.id,
    lastActivityMs: toMillis(session.endedAt),
    syncedAt: fieldValue.serverTimestamp(),
  };
}

/** Fields `sync --regenerate-titles` may change. */
export const TITLE_FIELDS = ['title', 'titleSource', 'character', 'characterSignals'] as const;

/** What one staged session contributes to its project's document. */
export interface ProjectShare {
  project: ProjectRecord;
  kind: SessionRecord['kind'];
  device: DeviceInfo;
  /** Latest activity this session knows of (its end, or the project's), epoch ms; -1 when none. */
  lastActivityMs: number;
  /** True when this commit creates the session document: only then are the project's counters incremented. */
  created: boolean;
}

/** The project-side share of a session batch (`created` is decided when it is committed). */
export function projectShareOf(batch: SessionBatch): Omit<ProjectShare, 'created'> {
  const { project, session } = batch;
  const lastActivityMs = Math.max(toMillis(project.lastActivity) ?? -1, toMillis(session.endedAt) ?? -1);
  return { project, kind: session.kind, device: session.device, lastActivityMs };
}

/**
 * The update merged into `projects/{id}` in the commit that holds these sessions of it (one write per project per
 * commit). Server-side transforms keep it right when devices sync at once: `devices` is a set union,
 * `lastActivityMs` only moves forward (maximum), session counts are increments made only for the sessions this
 * commit creates. Name and paths: the last share wins (they are the same for one device and run).
 */
export function projectUpdate(shares: ReadonlyArray<ProjectShare>, fieldValue: typeof FieldValue): Record<string, unknown> {
  const last = shares[shares.length - 1];
  if (!last) throw new Error('projectUpdate needs at least one session');
  const devices = new Set<string>();
  const paths: Record<string, string> = {};
  const deviceInfo: Record<string, { hostname: string; platform: string }> = {};
  const perDevice = new Map<string, number>();
  let lastActivity = -1;
  let created = 0;
  let createdChildren = 0;
  for (const share of shares) {
    for (const id of share.project.devices) devices.add(id);
    devices.add(share.device.id);
    paths[share.device.id] = share.project.path;
    deviceInfo[share.device.id] = { hostname: share.device.hostname, platform: share.device.platform };
    lastActivity = Math.max(lastActivity, share.lastActivityMs);
    if (!share.created) continue;
    if (share.kind !== 'main') {
      createdChildren += 1;
      continue;
    }
    created += 1;
    perDevice.set(share.device.id, (perDevice.get(share.device.id) ?? 0) + 1);
  }
  const update: Record<string, unknown> = {
    id: last.project.id,
    name: last.project.name,
    gitRemoteUrl: last.project.gitRemoteUrl,
    idSource: last.project.idSource,
    schemaVersion: SCHEMA_VERSION,
    devices: fieldValue.arrayUnion(...devices),
    paths,
    deviceInfo,
    updatedAt: fieldValue.serverTimestamp(),
  };
  if (lastActivity >= 0) update.lastActivityMs = fieldValue.maximum(lastActivity);
  if (created > 0) {
    update.sessionCount = fieldValue.increment(created);
    update.deviceSessionCounts = Object.fromEntries([...perDevice].map(([id, n]) => [id, fieldValue.increment(n)]));
  }
  if (createdChildren > 0) update.childSessionCount = fieldValue.increment(createdChildren);
  return update;
}

/** Epoch milliseconds of an ISO time, or null. */
export function toMillis(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
