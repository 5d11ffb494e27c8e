/** Everything a home's SQLite store holds, minus what legitimately differs between two runs (write times). */
import path from 'node:path';
import { SqliteStore } from '../../plugins-builtin/sqlite-sink/index.js';

export function dumpStore(home: string): unknown {
  const store = SqliteStore.open(path.join(home, 'data.db'), { readonly: true });
  try {
    const sessions = store.listSessions({ includeChildren: true }).sort((a, b) => a.id.localeCompare(b.id));
    return sessions.map((s) => ({ session: s, messages: store.listMessages(s.id) }));
  } finally {
    store.close();
  }
}
