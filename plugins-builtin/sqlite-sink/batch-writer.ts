/** Writes one SessionBatch as one transaction, with statements prepared once per connection. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { SinkError } from '../../src/errors.js';
import type { MessageRecord, SessionBatch } from '../../src/records/types.js';
import { MessageWriter } from './message-writer.js';
import { SINK_NAME } from './open-database.js';
import { SESSION_WRITE_COLUMNS, sessionParams } from './session-params.js';

/**
 * An upsert that rewrites a row only when a value changed, so re-sending a batch neither
 * touches unchanged rows (nor their triggers) nor moves `updated_at`.
 */
function upsertSql(table: string, columns: readonly string[], key: readonly string[], placeholders: string[], ignore: readonly string[] = []): string {
  const updatable = columns.filter((c) => !key.includes(c));
  const compared = updatable.filter((c) => !ignore.includes(c));
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) ` +
    `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updatable.map((c) => `${c} = excluded.${c}`).join(', ')} ` +
    `WHERE (${compared.map((c) => `${table}.${c}`).join(', ')}) IS NOT (${compared.map((c) => `excluded.${c}`).join(', ')})`
  );
}

/**
 * The latest activity wins for descriptive fields (name, path…), so the final row does not
 * depend on the order batches arrive in; `last_activity` itself only grows.
 */
const UPSERT_PROJECT = `
INSERT INTO projects (id, name, path, git_remote_url, id_source, last_activity)
VALUES ($id, $name, $path, $git_remote_url, $id_source, $last_activity)
ON CONFLICT (id) DO UPDATE SET
  name           = CASE WHEN newer THEN excluded.name ELSE projects.name END,
  path           = CASE WHEN newer THEN excluded.path ELSE projects.path END,
  git_remote_url = CASE WHEN newer THEN excluded.git_remote_url ELSE projects.git_remote_url END,
  id_source      = CASE WHEN newer THEN excluded.id_source ELSE projects.id_source END,
  last_activity  = coalesce(max(projects.last_activity, excluded.last_activity), projects.last_activity, excluded.last_activity)
`.replaceAll('newer', '(projects.last_activity IS NULL OR excluded.last_activity >= projects.last_activity)');

/** Devices merge: first/last seen only widen; host details follow the most recent sighting. */
const UPSERT_DEVICE = `
INSERT INTO project_devices (project_id, device_id, hostname, platform, first_seen, last_seen)
VALUES ($project_id, $device_id, $hostname, $platform, $first_seen, $last_seen)
ON CONFLICT (project_id, device_id) DO UPDATE SET
  hostname   = CASE WHEN newer THEN coalesce(excluded.hostname, project_devices.hostname) ELSE coalesce(project_devices.hostname, excluded.hostname) END,
  platform   = CASE WHEN newer THEN coalesce(excluded.platform, project_devices.platform) ELSE coalesce(project_devices.platform, excluded.platform) END,
  first_seen = coalesce(min(project_devices.first_seen, excluded.first_seen), project_devices.first_seen, excluded.first_seen),
  last_seen  = coalesce(max(project_devices.last_seen, excluded.last_seen), project_devices.last_seen, excluded.last_seen)
`.replaceAll('newer', '(project_devices.last_seen IS NULL OR excluded.last_seen >= project_devices.last_seen)');

/**
 * The messages with each id once, at its first place, with its last values: what upserting them in order leaves.
 * A transcript can repeat a record (a resumed session replays earlier ones). Written twice, the repeat was an UPDATE
 * in mid-batch, which made FTS5 write out its pending terms as an extra index segment (5 ms of a 5 MiB growth sync).
 */
function lastOfEachId(messages: readonly MessageRecord[]): readonly MessageRecord[] {
  const at = new Map<string, number>();
  const unique: MessageRecord[] = [];
  for (const message of messages) {
    const index = at.get(message.id);
    if (index === undefined) {
      at.set(message.id, unique.length);
      unique.push(message);
    } else {
      unique[index] = message;
    }
  }
  return unique;
}

/** Prepared upserts for one connection; reused by every batch. */
export class BatchWriter {
  readonly #db: DatabaseSync;
  readonly #messages: MessageWriter;
  readonly #session: StatementSync;
  readonly #project: StatementSync;
  readonly #device: StatementSync;
  readonly #now: () => string;
  readonly #dropMessages: StatementSync;

  constructor(db: DatabaseSync, now: () => string = () => new Date().toISOString()) {
    this.#db = db;
    this.#now = now;
    this.#messages = new MessageWriter(db);
    this.#session = db.prepare(upsertSql('sessions', SESSION_WRITE_COLUMNS, ['id'], SESSION_WRITE_COLUMNS.map(() => '?'), ['updated_at']));
    this.#project = db.prepare(UPSERT_PROJECT);
    this.#device = db.prepare(UPSERT_DEVICE);
    this.#dropMessages = db.prepare('DELETE FROM messages WHERE session_id = ?');
  }

  /** Messages, then the session, then project and devices, in one transaction. Returns message rows inserted or changed. */
  write(batch: SessionBatch): number {
    const { session, project } = batch;
    const stray = batch.messages.find((m) => m.sessionId !== session.id);
    if (stray) {
      throw new SinkError(SINK_NAME, `the batch of session ${session.id} holds a message of session ${stray.sessionId}; nothing written`, {
        unavailable: false,
      });
    }
    let changed = 0;
    // Inside a staged transaction (see WriteStore.stageBatch) a failing batch rolls back alone, to its savepoint.
    const nested = this.#db.isTransaction;
    const mark = this.#messages.mark;
    this.#db.exec(nested ? 'SAVEPOINT batch' : 'BEGIN IMMEDIATE');
    try {
      // Triggers take the full-text entries and tool rows of the dropped messages with them.
      if (batch.replace) {
        this.#messages.indexPending();
        this.#dropMessages.run(session.id);
      }
      for (const message of lastOfEachId(batch.messages)) {
        changed += this.#messages.write(message);
      }
      this.#session.run(...sessionParams(session, this.#now()));
      this.#project.run({
        id: project.id,
        name: project.name,
        path: project.path,
        git_remote_url: project.gitRemoteUrl,
        id_source: project.idSource,
        last_activity: project.lastActivity,
      });
      const seen = { first_seen: session.startedAt, last_seen: session.endedAt ?? session.startedAt };
      const { device } = session;
      this.#device.run({ project_id: project.id, device_id: device.id, hostname: device.hostname, platform: device.platform, ...seen });
      for (const id of project.devices) {
        // Other devices the project record knows of: merge the id, never their details or times.
        if (id === device.id) continue;
        this.#device.run({ project_id: project.id, device_id: id, hostname: null, platform: null, first_seen: null, last_seen: null });
      }
      if (!nested) this.#messages.indexPending();
      this.#db.exec(nested ? 'RELEASE batch' : 'COMMIT');
    } catch (error) {
      if (nested) this.#db.exec('ROLLBACK TO batch; RELEASE batch');
      else if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      this.#messages.restoreMark(mark);
      throw error;
    }
    return changed;
  }

  /** Ends a staged transaction: the full-text entries of its messages, then COMMIT. */
  commit(): void {
    this.#messages.indexPending();
    this.#db.exec('COMMIT');
  }

  /** Drops a staged transaction, and with it the index entries it still owed. */
  rollback(): void {
    this.#db.exec('ROLLBACK');
    this.#messages.forgetPending();
  }
}
