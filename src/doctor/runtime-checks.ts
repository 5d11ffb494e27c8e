/** Runtime: a Node new enough for this build, with the built-in SQLite module the local store needs. */
import { check, type DoctorCheck } from './check.js';

/** The oldest Node this build supports (package.json `engines.node`; a test keeps the two equal). */
export const MIN_NODE = '22.18.0';

const NODE_FIX = `Install Node ${MIN_NODE.replace(/\.0$/, '')} or newer (e.g. "nvm install 24"), and run code-insights with it`;

/** What the runtime checks look at; tests pass other versions and loaders. */
export interface RuntimeProbe {
  nodeVersion: string;
  loadSqlite: () => Promise<unknown>;
}

/** The running Node's version and its `node:sqlite`. */
export const CURRENT_RUNTIME: RuntimeProbe = {
  nodeVersion: process.versions.node,
  loadSqlite: () => import('node:sqlite'),
};

/** Checks the Node version and that `node:sqlite` loads. */
export async function checkRuntime(probe: RuntimeProbe = CURRENT_RUNTIME): Promise<DoctorCheck[]> {
  const version = probe.nodeVersion.replace(/^v/, '');
  const node = isAtLeast(version, MIN_NODE)
    ? check('runtime', 'node', 'ok', `Node ${version} (needs >= ${MIN_NODE})`)
    : check('runtime', 'node', 'fail', `Node ${version} is too old (needs >= ${MIN_NODE})`, NODE_FIX);
  let sqlite: DoctorCheck;
  try {
    await probe.loadSqlite();
    sqlite = check('runtime', 'sqlite', 'ok', 'node:sqlite loads');
  } catch (error) {
    // Node 22.5–22.12 has it behind --experimental-sqlite; older ones lack it.
    sqlite = check('runtime', 'sqlite', 'fail', `node:sqlite does not load (${error instanceof Error ? error.message : String(error)}): the local store needs it`, NODE_FIX);
  }
  return [node, sqlite];
}

/** Compares dotted numeric versions (`22.18.0`); a missing part counts as 0, pre-release tags are ignored. */
export function isAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => (v.split('-')[0] ?? '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  const have = parts(version);
  const need = parts(minimum);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
