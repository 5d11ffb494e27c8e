/** Temp directories standing in for HOME, CODE_INSIGHTS_HOME and CLAUDE_CONFIG_DIR; removed on dispose. */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
/** Eight real transcripts (MIT, see its README) bundled with the repo; the README demo syncs them too. */
export const REAL_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/claude-real');
export const CORPUS_TOOLS = path.join(SHARED, 'tools');

export interface TmpHome {
  root: string;
  /** Fake $HOME (nothing real is ever read). */
  home: string;
  /** $CODE_INSIGHTS_HOME */
  ciHome: string;
  /** $CLAUDE_CONFIG_DIR */
  claudeDir: string;
  env: NodeJS.ProcessEnv;
  [Symbol.dispose](): void;
}

/** Makes an isolated set of directories and the environment that points the CLI at them. */
export function makeTmpHome(options: { copyRealFixtures?: boolean } = {}): TmpHome {
  const root = mkdtempSync(path.join(tmpdir(), 'ci-test-'));
  const home = path.join(root, 'home');
  const ciHome = path.join(root, 'ci-home');
  const claudeDir = path.join(root, 'claude');
  mkdirSync(home, { recursive: true });
  if (options.copyRealFixtures) cpSync(REAL_FIXTURES, claudeDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    CODE_INSIGHTS_HOME: ciHome,
    CLAUDE_CONFIG_DIR: claudeDir,
    NO_COLOR: '1',
    METADATA_SERVER_DETECTION: 'none',
  };
  return {
    root,
    home,
    ciHome,
    claudeDir,
    env,
    [Symbol.dispose]() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
