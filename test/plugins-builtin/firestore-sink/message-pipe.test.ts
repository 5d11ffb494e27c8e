/** Pure parts of staging: packing message writes into commits, commit slots and order, grouping session commits. */
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore } from 'firebase-admin/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import type { WriteOp } from '../../../plugins-builtin/firestore-sink/commit-batches.js';
import { groupSessions, type StagedSession } from '../../../plugins-builtin/firestore-sink/commit-sessions.js';
import { projectUpdate } from '../../../plugins-builtin/firestore-sink/layout.js';
import { MessagePipe } from '../../../plugins-builtin/firestore-sink/message-pipe.js';
import { DEVICE_A, DEVICE_B, makeProject } from './fixtures.js';

const app = initializeApp({ projectId: 'demo-offline' }, 'offline-pipe');
// References only: nothing here talks to a server.
const db = getFirestore(app);
afterAll(() => deleteApp(app));

const op = (path: string, text = 'x'): WriteOp => ({ kind: 'set', ref: db.doc(path), data: { text } });

/** A commit function whose commits the test finishes by hand, in any order. */
function manualCommits() {
  const started: Array<{ paths: string[]; texts: unknown[]; finish: (error?: Error) => void }> = [];
  const commit = (ops: ReadonlyArray<WriteOp>) =>
    new Promise<void>((resolve, reject) => {
      started.push({ paths: ops.map((o) => o.ref.path), texts: ops.map((o) => (o.kind === 'delete' ? null : o.data.text)), finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { started, commit };
}

/** Lets every pending promise callback run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('message pipe', () => {
  it('packs writes by count and bytes, a rewrite of an unsent document replacing the older write', async () => {
    const { started, commit } = manualCommits();
    const pipe = new MessagePipe<string>(commit, { maxOps: 3, maxBytes: 1000, maxInFlight: 8 }, () => undefined);
    for (const [i, path] of ['m/1', 'm/2', 'm/1', 'm/3', 'm/4'].entries()) await pipe.add('w', 's', op(path, `v${i}`), 100);
    await pipe.add('w', 's', op('m/big'), 950);
    const drained = pipe.drain();
    await settle();
    expect(started.map((c) => c.paths)).toEqual([['m/1', 'm/2', 'm/3'], ['m/4'], ['m/big']]);
    expect(started[0]?.texts).toEqual(['v2', 'v1', 'v3']);
    for (const c of started) c.finish();
    await drained;
  });

  it('keeps at most maxInFlight commits; add waits for a slot; a newer version waits for the commit of the older', async () => {
    const { started, commit } = manualCommits();
    const pipe = new MessagePipe<string>(commit, { maxOps: 1, maxBytes: 1000, maxInFlight: 2 }, () => undefined);
    await pipe.add('w', 's', op('m/a', 'old'), 10);
    await pipe.add('w', 's', op('m/b'), 10); // sends m/a
    await pipe.add('w', 's', op('m/a', 'new'), 10); // sends m/b
    let waited = true;
    const third = pipe.add('w', 's', op('m/c'), 10).then(() => {
      waited = false;
    }); // must send m/a (new): both slots are taken
    await settle();
    expect(started.map((c) => c.paths[0])).toEqual(['m/a', 'm/b']);
    expect(waited).toBe(true);
    started[1]?.finish(); // m/b done: a slot is free, but the new m/a still waits for the old one
    await third;
    await settle();
    expect(started).toHaveLength(2);
    started[0]?.finish();
    await settle();
    expect(started.map((c) => c.texts[0])).toEqual(['old', 'x', 'new']);
    started[2]?.finish();
    const drained = pipe.drain();
    await settle();
    started[3]?.finish();
    await drained;
    expect(started.map((c) => c.paths[0])).toEqual(['m/a', 'm/b', 'm/a', 'm/c']);
  });

  it('reports a failed commit to the window that staged it, with its sessions, and drains the rest', async () => {
    const { started, commit } = manualCommits();
    const failures: Array<{ tag: string; sessions: string[] }> = [];
    const pipe = new MessagePipe<string>(commit, { maxOps: 2, maxBytes: 1000, maxInFlight: 4 }, (tag, _error, sessions) => {
      failures.push({ tag, sessions: [...sessions] });
    });
    await pipe.add('first', 's1', op('m/1'), 10);
    await pipe.add('first', 's2', op('m/2'), 10);
    // A new window starts: the unsent batch of the old one leaves on its own.
    await pipe.add('second', 's3', op('m/3'), 10);
    const drained = pipe.drain();
    await settle();
    started[0]?.finish(new Error('rejected'));
    started[1]?.finish();
    await drained;
    expect(started.map((c) => c.paths)).toEqual([['m/1', 'm/2'], ['m/3']]);
    expect(failures).toEqual([{ tag: 'first', sessions: ['s1', 's2'] }]);
  });
});

describe('session commits', () => {
  const staged = (id: string, project: string): StagedSession => ({
    id,
    ref: db.doc(`sessions/${id}`),
    doc: { id },
    bytes: 1000,
    create: true,
    project: makeProject({ id: project }),
    kind: 'main',
    device: DEVICE_A,
    lastActivityMs: 1,
  });

  it('groups sessions by project, counting one write per project in each commit', () => {
    const sessions = ['b', 'a', 'c', 'a', 'b', 'a', 'c'].map((project, i) => staged(`s${i}`, project));
    const groups = groupSessions(sessions, 4, 1_000_000);
    expect(groups.flat().map((s) => s.id).sort()).toEqual(sessions.map((s) => s.id).sort());
    for (const group of groups) expect(group.length + new Set(group.map((s) => s.project.id)).size).toBeLessThanOrEqual(4);
    expect(groups.flat().map((s) => s.project.id)).toEqual(['a', 'a', 'a', 'b', 'b', 'c', 'c']);
    // Bytes: each session 1000, each project about 4 KiB.
    expect(groupSessions(sessions, 500, 7_000).map((g) => g.map((s) => s.id))).toEqual([['s1', 's3'], ['s5'], ['s0', 's4'], ['s2', 's6']]);
  });

  it('merges the sessions of one project into one update: counters only for created ones, per device, latest activity', () => {
    const project = makeProject({ devices: [DEVICE_A.id] });
    const update = projectUpdate(
      [
        { project, kind: 'main', device: DEVICE_A, lastActivityMs: 300, created: true },
        { project, kind: 'main', device: DEVICE_B, lastActivityMs: 900, created: true },
        { project, kind: 'main', device: DEVICE_A, lastActivityMs: 500, created: false },
        { project, kind: 'subagent', device: DEVICE_A, lastActivityMs: -1, created: true },
      ],
      FieldValue,
    );
    expect(update.sessionCount).toEqual(FieldValue.increment(2));
    expect(update.childSessionCount).toEqual(FieldValue.increment(1));
    expect(update.deviceSessionCounts).toEqual({ [DEVICE_A.id]: FieldValue.increment(1), [DEVICE_B.id]: FieldValue.increment(1) });
    expect(update.lastActivityMs).toEqual(FieldValue.maximum(900));
    expect(update.devices).toEqual(FieldValue.arrayUnion(DEVICE_A.id, DEVICE_B.id));
    expect(Object.keys(update.paths as object).sort()).toEqual([DEVICE_A.id, DEVICE_B.id].sort());
    const untouched = projectUpdate([{ project, kind: 'main', device: DEVICE_A, lastActivityMs: -1, created: false }], FieldValue);
    expect(untouched).not.toHaveProperty('sessionCount');
    expect(untouched).not.toHaveProperty('lastActivityMs');
  });
});
