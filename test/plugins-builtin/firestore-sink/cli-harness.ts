/**
 * End-to-end helpers: the built CLI in a child process (async, so a test can kill it or run two at once), and a
 * comparison of what Firestore holds against the SQLite store of the same run (the sinks are written independently).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { SqliteStore } from '../../../plugins-builtin/sqlite-sink/index.js';
import { storedSessionSchema } from '../../../plugins-builtin/firestore-sink/session-schema.js';
import type { MessageRecord, SessionRecord } from '../../../src/records/types.js';
import { BIN } from '../../helpers/run-cli.js';
import type { CliResult } from '../../helpers/run-cli.js';
import type { Reader } from './harness.js';

/** A running CLI; `done` resolves when it exits (killed or not). */
export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

export function startCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { env: options.env, cwd: options.cwd ?? options.env.HOME, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI to completion. */
export async function cli(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<CliResult> {
  return await startCli(args, options).done;
}

/** Writes `$CODE_INSIGHTS_HOME/config.json` with both sinks and the given Firestore options. */
export function writeConfig(ciHome: string, firestoreOptions: Record<string, unknown>, sink: string | string[] = ['sqlite', 'firestore']): void {
  mkdirSync(ciHome, { recursive: true });
  writeFileSync(path.join(ciHome, 'config.json'), JSON.stringify({ sink, options: { 'firestore-sink': firestoreOptions } }));
}

/** Every session document, validated. */
export async function firestoreSessions(reader: Reader): Promise<Map<string, SessionRecord>> {
  const snapshot = await reader.db.collection('sessions').get();
  return new Map(snapshot.docs.map((doc) => [doc.id, storedSessionSchema.parse(doc.data())]));
}

/** A session's message documents, in transcript order, without the layout version. */
export async function firestoreMessages(reader: Reader, sessionId: string): Promise<Array<MessageRecord & { schemaVersion?: unknown }>> {
  const snapshot = await reader.db.collection(`sessions/${sessionId}/messages`).get();
  return snapshot.docs
    .map((doc) => {
      const { schemaVersion: _version, ...message } = doc.data();
      return message as MessageRecord;
    })
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** What a UTF-8 store keeps of a value: lone surrogates become U+FFFD (Node's UTF-8 encoder does the same). */
export function asUtf8<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('utf8');
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Asserts that Firestore holds exactly what the SQLite store holds: the same sessions with equal records, the same
 * messages (every field), and project documents whose counts match. Returns the totals compared.
 */
export async function expectSameAsSqlite(
  reader: Reader,
  ciHome: string,
  /** Fields users set in Firestore only (e.g. customTitle), by session id. */
  userSet: Record<string, Partial<SessionRecord>> = {},
): Promise<{ sessions: number; messages: number; projects: number }> {
  const store = SqliteStore.open(path.join(ciHome, 'data.db'), { readonly: true });
  try {
    const local = store.listSessions({ includeChildren: true });
    const remote = await firestoreSessions(reader);
    expect([...remote.keys()].sort()).toEqual(local.map((s) => s.id).sort());
    let messages = 0;
    for (const session of local) {
      expect(remote.get(session.id), `session ${session.id}`).toEqual(asUtf8({ ...session, ...userSet[session.id] }));
      const stored = store.listMessages(session.id).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
      // Firestore stores UTF-8: a lone surrogate in a transcript reads back as U+FFFD.
      expect(await firestoreMessages(reader, session.id), `messages of ${session.id}`).toEqual(asUtf8(stored));
      messages += stored.length;
    }
    const counts = store.counts();
    expect(messages).toBe(counts.messages);

    const projects = await reader.db.collection('projects').get();
    expect(projects.docs.map((d) => d.id).sort()).toEqual([...new Set(local.map((s) => s.projectId))].sort());
    for (const doc of projects.docs) {
      const mine = local.filter((s) => s.projectId === doc.id);
      const data = doc.data();
      expect(data.sessionCount ?? 0, `sessionCount of ${doc.id}`).toBe(mine.filter((s) => s.kind === 'main').length);
      expect(data.childSessionCount ?? 0, `childSessionCount of ${doc.id}`).toBe(mine.filter((s) => s.kind !== 'main').length);
      expect(new Set(data.devices)).toEqual(new Set(mine.map((s) => s.device.id)));
    }
    return { sessions: local.length, messages, projects: projects.size };
  } finally {
    store.close();
  }
}
