/** Shared set-up of the firestore-sink tests: an emulator, a fresh project per test, sinks and a reader on it. */
import { randomUUID } from 'node:crypto';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { createFirestoreSink, type StagingSink } from '../../../plugins-builtin/firestore-sink/index.js';
import type { FirestoreSinkDeps } from '../../../plugins-builtin/firestore-sink/firestore-sink.js';
import type { FirestoreSinkOptions } from '../../../plugins-builtin/firestore-sink/options.js';
import type { Logger, Sink } from '../../../src/plugins/types.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { acquireEmulator, resetEmulator, uniqueProjectId } from '../../helpers/firestore-emulator.js';

/** A logger that remembers what it was told. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** A reader with admin rights on the emulator (bypasses rules), for assertions. */
export interface Reader {
  db: Firestore;
  close(): Promise<void>;
}

export function openReader(host: string, projectId: string, headers?: Record<string, string>): Reader {
  const app = initializeApp({ projectId }, `reader-${randomUUID()}`);
  const db = getFirestore(app);
  db.settings({ host, ssl: false, ...(headers ? { customHeaders: headers } : {}) });
  return { db, close: () => deleteApp(app) };
}

/** One test's project on the emulator: sinks writing to it and a reader; `dispose` closes all and wipes the data. */
export class TestProject {
  readonly projectId: string;
  readonly host: string;
  readonly reader: Reader;
  readonly #sinks: Sink[] = [];

  constructor(host: string, label: string) {
    this.host = host;
    this.projectId = uniqueProjectId(label);
    this.reader = openReader(host, this.projectId);
  }

  /** The environment a sink of this project sees (no credentials: the emulator needs none). */
  env(): NodeJS.ProcessEnv {
    return { HOME: '/nonexistent', FIRESTORE_EMULATOR_HOST: this.host };
  }

  sink(options: FirestoreSinkOptions = {}, deps: Partial<FirestoreSinkDeps> = {}): StagingSink {
    const sink = createFirestoreSink(
      { projectId: this.projectId, ...options },
      { logger: recordingLogger(), signal: new AbortController().signal, baseDir: '/nonexistent', env: this.env(), ...deps },
    );
    this.#sinks.push(sink);
    return sink;
  }

  async data(path: string): Promise<Record<string, unknown> | undefined> {
    return (await this.reader.db.doc(path).get()).data();
  }

  async count(collectionPath: string): Promise<number> {
    return (await this.reader.db.collection(collectionPath).count().get()).data().count;
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.#sinks.map((s) => s.close()));
    await this.reader.close();
    await resetEmulator(this.host, this.projectId);
  }
}

/**
 * For a test file: the shared emulator for the whole file, and a `newProject(label)` whose projects are disposed
 * after each test. Call at the top level of the file.
 */
export function useEmulatorProjects(): { newProject: (label: string) => TestProject } {
  let emulator: { host: string; release: () => Promise<void> } | undefined;
  const projects: TestProject[] = [];
  beforeAll(async () => {
    emulator = await acquireEmulator();
  });
  afterAll(async () => {
    await emulator?.release();
  });
  afterEach(async () => {
    await Promise.all(projects.splice(0).map((p) => p.dispose()));
  });
  return {
    newProject(label: string): TestProject {
      if (!emulator) throw new Error('useEmulatorProjects: the emulator is not acquired yet (call newProject inside a test)');
      const project = new TestProject(emulator.host, label);
      projects.push(project);
      return project;
    },
  };
}
