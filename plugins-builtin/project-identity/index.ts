/** Gives each batch its project (git remote → same id on every machine; else path hash) and this device. */
import path from 'node:path';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { STAGE_ORDER } from '../../src/pipeline/sync-hooks.js';
import type { ProjectRecord, SessionBatch } from '../../src/records/types.js';
import { sha256Hex } from '../../src/util/sha256.js';
import { findGitInfo } from './git-remote.js';
import { normalizeRemoteUrl, repoNameFromRemote } from './normalize-remote.js';

const PLUGIN_NAME = 'project-identity';

type Identity = Pick<ProjectRecord, 'id' | 'name' | 'gitRemoteUrl' | 'idSource'>;

/** The first 16 hex digits of sha256, the id scheme of DESIGN.md "Identity". */
export function hashId(value: string): string {
  return sha256Hex(value).slice(0, 16);
}

/** Identity of a working directory, from its git remote when it has one on this machine. */
export function identify(cwd: string): Identity {
  const git = findGitInfo(cwd);
  const remote = git?.remoteUrl ? normalizeRemoteUrl(git.remoteUrl) : null;
  if (remote) return { id: hashId(remote), name: repoNameFromRemote(remote), gitRemoteUrl: remote, idSource: 'git-remote' };
  return { id: hashId(cwd), name: path.basename(cwd) || cwd, gitRemoteUrl: null, idSource: 'path-hash' };
}

export function projectIdentity() {
  return definePlugin({
    name: PLUGIN_NAME,
    provides: 'identity',
    apply(hooks) {
      // Git lookups are cached per directory for one run: many sessions share a cwd.
      let cache = new Map<string, Identity>();
      hooks.beforeSync.tap(PLUGIN_NAME, () => {
        cache = new Map();
      });
      hooks.enrich.tap({ name: PLUGIN_NAME, stage: STAGE_ORDER.PRE }, (batch: SessionBatch, run) => {
        const where = batch.cwd ?? batch.file.projectDir;
        let identity = cache.get(where);
        if (!identity) {
          identity = identify(where);
          cache.set(where, identity);
        }
        const project: ProjectRecord = {
          ...identity,
          path: where,
          devices: [run.device.id],
          lastActivity: batch.session.endedAt,
        };
        return {
          ...batch,
          project,
          session: { ...batch.session, projectId: project.id, projectName: project.name, projectPath: project.path, device: run.device },
        };
      });
    },
  });
}
