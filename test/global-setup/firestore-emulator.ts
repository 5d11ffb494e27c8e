/**
 * vitest globalSetup: one Cloud Firestore emulator for the whole run (or the one FIRESTORE_EMULATOR_HOST names),
 * handed to test files with `provide`; stopped in teardown. Tests isolate themselves with distinct project ids.
 */
import type { TestProject } from 'vitest/node';
import { isReady, startEmulator } from '../helpers/firestore-emulator.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.FIRESTORE_EMULATOR_HOST?.trim();
  if (existing) {
    if (!(await isReady(existing))) throw new Error(`FIRESTORE_EMULATOR_HOST=${existing} does not answer "Ok"`);
    project.provide('firestoreEmulatorHost', existing);
    return async () => {};
  }
  const emulator = await startEmulator();
  project.provide('firestoreEmulatorHost', emulator.host);
  // startEmulator also kills the JVM when this process exits without running teardown.
  return async () => {
    await emulator.stop();
  };
}
