/**
 * Per-repository project options: each session's repository config (found from the session's working directory
 * up to its git root) can exclude the project, name it, add redaction rules and lower content caps.
 */
import { STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import type { SyncPlugin, SyncRun } from '../../src/plugins/types.js';
import type { SessionBatch } from '../../src/records/types.js';
import { applyProjectConfig, type ProjectSettings, type Redactor } from './apply-project-config.js';

const PLUGIN_NAME = 'repo-config';

/** After identity (PRE) and the built-in redaction (PRE + 1): the project is known, nothing downstream has run. */
const REPO_CONFIG_STAGE = STAGE_ORDER.PRE + 2;

/** What the host provides: finding a repository's config (file search, trust rules) is the config module's job. */
export interface RepoConfigDeps {
  /** A lookup for one run, memoised per directory; null when the repository has no config. */
  createLookup(run: SyncRun): (cwd: string) => Promise<ProjectSettings | null>;
  redact: Redactor;
}

export type { ProjectSettings, RedactionRule, Redactor } from './apply-project-config.js';
export { applyProjectConfig } from './apply-project-config.js';
export { recapText } from './recap-text.js';

export function repoConfig(deps: RepoConfigDeps): SyncPlugin {
  return definePlugin({
    name: PLUGIN_NAME,
    provides: 'repo-config',
    apply(hooks) {
      // One lookup per run: lookups are cached per directory, and a later run may start elsewhere.
      const lookups = new WeakMap<SyncRun, (cwd: string) => Promise<ProjectSettings | null>>();
      hooks.enrich.tapPromise({ name: PLUGIN_NAME, stage: REPO_CONFIG_STAGE }, async (batch: SessionBatch, run) => {
        // No working directory, no repository: the session has no project config to read.
        const cwd = batch.cwd;
        if (!cwd) return batch;
        let lookup = lookups.get(run);
        if (!lookup) {
          lookup = deps.createLookup(run);
          lookups.set(run, lookup);
        }
        const settings = await lookup(cwd);
        return settings ? applyProjectConfig(batch, settings, deps.redact) : batch;
      });
    },
  });
}
