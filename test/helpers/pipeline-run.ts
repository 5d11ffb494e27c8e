/** A SyncRun and SessionBatch for driving taps directly in tests. */
import type { SyncRun } from '../../src/plugins/types.js';
import type { SessionBatch, SessionRecord } from '../../src/records/types.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A run with default limits and a silent logger, rooted at `home`. */
export function makeRun(home: string): SyncRun {
  return {
    force: false,
    dryRun: false,
    project: null,
    cwd: home,
    home,
    device: { id: 'device-1', hostname: 'host', platform: 'linux' },
    limits: { messageText: 20_000, thinking: 20_000, toolInput: 4_000, toolResult: 8_000 },
    logger: silent,
    signal: new AbortController().signal,
  };
}

/** A batch carrying `session` and no messages. */
export function makeBatch(session: SessionRecord): SessionBatch {
  return {
    file: {
      source: 'claude-code',
      path: session.sourcePath,
      root: '/tmp',
      projectDir: '-home-dev-demo',
      kind: session.kind,
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
      devices: [],
      lastActivity: null,
    },
    session,
    messages: [],
  };
}

/** Context handed to `apply` in tests. */
export function makeContext<Options>(options: Options) {
  return { options, logger: silent, stateDir: '/tmp', signal: new AbortController().signal, origin: { kind: 'builtin' as const } };
}
