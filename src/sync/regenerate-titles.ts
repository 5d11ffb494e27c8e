/** `sync --regenerate-titles`: recompute title and character of stored sessions from their digests; no messages re-sent. */
import type { Sink, SyncRun, TitleUpdate } from '../plugins/types.js';
import type { SyncHooks } from '../pipeline/sync-hooks.js';
import type { SessionBatch, SessionRecord } from '../records/types.js';

const UPDATE_CHUNK = 500;

/** Returns how many sessions were updated across all sinks. */
export async function regenerateTitles(hooks: SyncHooks, run: SyncRun): Promise<number> {
  const sinks = await hooks.upload.promise([], run);
  let updated = 0;
  try {
    for (const sink of sinks) {
      await sink.open();
      updated += await regenerateIn(sink, hooks, run);
    }
  } finally {
    await Promise.allSettled(sinks.map((s) => s.close()));
  }
  return updated;
}

async function regenerateIn(sink: Sink, hooks: SyncHooks, run: SyncRun): Promise<number> {
  let pending: TitleUpdate[] = [];
  let count = 0;
  for await (const session of sink.listSessions({ project: run.project })) {
    const batch = await hooks.classify.promise(batchFor(session), run);
    const s = batch.session;
    pending.push({ id: s.id, title: s.title, titleSource: s.titleSource, character: s.character, characterSignals: s.characterSignals });
    if (pending.length >= UPDATE_CHUNK) {
      await sink.updateTitles(pending);
      count += pending.length;
      pending = [];
    }
  }
  if (pending.length > 0) await sink.updateTitles(pending);
  return count + pending.length;
}

/** A batch around a stored session, so classify taps see what they see during a sync (minus messages). */
function batchFor(session: SessionRecord): SessionBatch {
  return {
    file: {
      source: session.sourceTool,
      path: session.sourcePath,
      root: '',
      projectDir: '',
      kind: session.kind,
      sessionId: session.parentSessionId ?? session.id,
      size: 0,
      mtimeMs: 0,
      ino: 0,
    },
    cwd: session.projectPath,
    project: {
      id: session.projectId,
      name: session.projectName,
      path: session.projectPath,
      gitRemoteUrl: null,
      idSource: 'path-hash',
      devices: [session.device.id],
      lastActivity: session.endedAt,
    },
    session: { ...session, title: null, titleSource: null, character: null, characterSignals: null },
    messages: [],
  };
}
