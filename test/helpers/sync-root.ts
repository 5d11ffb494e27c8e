/** Runs discover → parse → enrich → classify over a Claude config root with the real source and identity plugins and the given ones. */
import { createSyncHooks } from '../../src/pipeline/sync-hooks.js';
import { resolveOptionsSchema } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin } from '../../src/plugins/types.js';
import type { SessionBatch, SessionRecord, SourceFile } from '../../src/records/types.js';
import { claudeCodeSource } from '../../plugins-builtin/claude-code-source/index.js';
import { projectIdentity } from '../../plugins-builtin/project-identity/index.js';
import { makeContext, makeRun } from './pipeline-run.js';

/** Any plugin, whatever its options type (options are contravariant in apply, covariant in the schema). */
type TestPlugin = SyncPlugin<any>;

/** One transcript's final session after its last increment was classified. */
export interface SyncedSession {
  file: SourceFile;
  session: SessionRecord;
  /** How many increments the transcript was read in. */
  increments: number;
}

/**
 * Reads every transcript under `root` in increments of about `maxBytes`, enriching and classifying after each one as
 * the runner does, and returns each transcript's final session.
 */
export async function syncRoot(root: string, plugins: readonly TestPlugin[], maxBytes = Number.MAX_SAFE_INTEGER): Promise<SyncedSession[]> {
  const hooks = createSyncHooks();
  for (const plugin of [claudeCodeSource({ roots: [root] }), projectIdentity(), ...plugins] ) {
    // Default options through the plugin's own schema, as the loader does when the config names none.
    const schema = await resolveOptionsSchema(plugin);
    const options = schema ? schema.parse({}) : {};
    await plugin.apply(hooks, makeContext(options as never));
  }
  const run = makeRun(root);
  const files = await hooks.discover.promise([], run);
  const synced: SyncedSession[] = [];
  for (const file of files) {
    let offset = 0;
    let fold: unknown;
    for (let increments = 1; ; increments++) {
      const result = await hooks.parse.promise({ file, offset, fold, maxBytes, related: [] }, run);
      if (result === undefined) throw new Error(`no source parsed ${file.path}`);
      const batch: SessionBatch = { ...result.batch, project: projectOf(result.batch.session) };
      const classified = await hooks.classify.promise(await hooks.enrich.promise(batch, run), run);
      // The runner stores the fold as JSON between increments.
      fold = JSON.parse(JSON.stringify(result.fold));
      offset = result.endOffset;
      if (result.complete) {
        synced.push({ file, session: classified.session, increments });
        break;
      }
    }
  }
  return synced;
}

/** A placeholder project; project-identity replaces it in enrich. */
function projectOf(session: SessionRecord) {
  return { id: session.projectId, name: session.projectName, path: session.projectPath, gitRemoteUrl: null, idSource: 'path-hash' as const, devices: [], lastActivity: null };
}
