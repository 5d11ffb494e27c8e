/** A sink that keeps everything in memory, for tests: what a real sink would have stored, batch by batch. */
import type { Sink, TitleUpdate } from '../plugins/types.js';
import type { MessageRecord, ProjectRecord, SessionBatch, SessionRecord } from '../records/types.js';

/** What the memory sink received: every batch in order, and the latest of each record by id. */
export interface MemoryStore {
  batches: SessionBatch[];
  sessions: Map<string, SessionRecord>;
  messages: Map<string, MessageRecord>;
  projects: Map<string, ProjectRecord>;
}

/** An empty store. */
export function createMemoryStore(): MemoryStore {
  return { batches: [], sessions: new Map(), messages: new Map(), projects: new Map() };
}

/** A Sink writing into `store` (upserts by id, like the real sinks). */
export function createMemorySink(store: MemoryStore, name = 'memory'): Sink {
  return {
    name,
    async open() {},
    async write(batch) {
      store.batches.push(batch);
      for (const message of batch.messages) store.messages.set(`${message.sessionId}/${message.id}`, message);
      store.sessions.set(batch.session.id, batch.session);
      store.projects.set(batch.project.id, batch.project);
    },
    async *listSessions(filter) {
      for (const session of store.sessions.values()) {
        if (filter.project === null || session.projectName === filter.project || session.projectPath === filter.project) yield session;
      }
    },
    async updateTitles(updates: ReadonlyArray<TitleUpdate>) {
      for (const update of updates) {
        const session = store.sessions.get(update.id);
        if (session) store.sessions.set(update.id, { ...session, ...update });
      }
    },
    async close() {},
  };
}
