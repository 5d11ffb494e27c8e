/** Two devices syncing the same project at the same time: device list, counts and lastActivity stay right. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acquireEmulator } from '../../helpers/firestore-emulator.js';
import { DEVICE_A, DEVICE_B, makeBatch } from './fixtures.js';
import { TestProject } from './harness.js';

let emulator: { host: string; release: () => Promise<void> };
beforeAll(async () => {
  emulator = await acquireEmulator();
});
afterAll(async () => {
  await emulator?.release();
});

it('two sinks writing one project concurrently: both devices, exact session counts, latest activity', async () => {
  const project = new TestProject(emulator.host, 'devices');
  try {
    const laptop = project.sink();
    const desktop = project.sink();
    await Promise.all([laptop.open(), desktop.open()]);
    const day = (d: number) => `2026-04-${String(d).padStart(2, '0')}T12:00:00.000Z`;
    const batchesOf = (device: typeof DEVICE_A, prefix: string, days: number[]) =>
      days.map((d, i) =>
        makeBatch({
          session: { id: `${prefix}-${i}`, device, endedAt: day(d), projectPath: `/${prefix}/api` },
          project: { path: `/${prefix}/api`, devices: [device.id], lastActivity: day(d) },
          messages: 3,
        }),
      );
    // Interleaved dates so the maximum is not simply "whoever wrote last".
    const a = batchesOf(DEVICE_A, 'laptop', [3, 20, 7, 11, 1, 15]);
    const b = batchesOf(DEVICE_B, 'desktop', [9, 2, 28, 5, 13, 4]);
    // Both devices also race to create the same session (a transcript copied between machines).
    const shared = makeBatch({ session: { id: 'shared', device: DEVICE_A }, messages: 2 });
    const sharedB = makeBatch({ session: { id: 'shared', device: DEVICE_B }, project: { devices: [DEVICE_B.id] }, messages: 2 });
    const writeAll = async (sink: typeof laptop, batches: ReturnType<typeof makeBatch>[]) => {
      for (const batch of batches) {
        await sink.write(batch);
        await sink.flush();
      }
    };
    await Promise.all([writeAll(laptop, [...a.slice(0, 3), shared, ...a.slice(3)]), writeAll(desktop, [...b.slice(0, 2), sharedB, ...b.slice(2)])]);

    const doc = await project.data('projects/a1b2c3d4e5f60718');
    expect(new Set(doc?.devices as string[])).toEqual(new Set([DEVICE_A.id, DEVICE_B.id]));
    expect(doc?.sessionCount).toBe(13);
    expect(await project.count('sessions')).toBe(13);
    const perDevice = doc?.deviceSessionCounts as Record<string, number>;
    const [fromA, fromB] = [perDevice[DEVICE_A.id] ?? 0, perDevice[DEVICE_B.id] ?? 0];
    // The shared session counts for whichever device created it first.
    expect(fromA + fromB).toBe(13);
    expect(Math.min(fromA, fromB)).toBe(6);
    expect(doc?.lastActivityMs).toBe(Date.parse(day(28)));
    expect(doc?.paths).toEqual({ [DEVICE_A.id]: '/laptop/api', [DEVICE_B.id]: '/desktop/api' });
    expect(doc?.deviceInfo).toEqual({ [DEVICE_A.id]: { hostname: 'laptop', platform: 'linux' }, [DEVICE_B.id]: { hostname: 'desktop', platform: 'darwin' } });
  } finally {
    await project.dispose();
  }
});
