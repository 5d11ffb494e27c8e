/**
 * Tests that run the built CLI check it is there and not older than the sources they exercise: tsc's output in build/,
 * which `npm run build` then links into dist/ (scripts/bundle.mjs).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/tmp-home.js';

/** `bin/run.js` of this checkout. */
export const BIN_RUN = path.join(REPO_ROOT, 'bin', 'run.js');

/** An entry of the bundle, written after build/. */
const BUNDLED_SYNC = path.join(REPO_ROOT, 'dist', 'src', 'commands', 'sync.js');

/** Throws unless each `src/…` file or directory named has build twins at least as new, and dist/ is newer still. */
export function assertBuilt(entries: string[]): void {
  for (const entry of entries) {
    const src = path.join(REPO_ROOT, 'src', entry);
    const files = statSync(src).isDirectory()
      ? readdirSync(src).filter((file) => file.endsWith('.ts')).map((file) => path.join(entry, file))
      : [entry];
    for (const file of files) {
      const built = path.join(REPO_ROOT, 'build', 'src', file.replace(/\.ts$/, '.js'));
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path.join(REPO_ROOT, 'src', file)).mtimeMs) {
        throw new Error(`${path.relative(REPO_ROOT, built)} is missing or older than its source: run npm run build first`);
      }
      if (!existsSync(BUNDLED_SYNC) || statSync(BUNDLED_SYNC).mtimeMs < statSync(built).mtimeMs) {
        throw new Error(`${path.relative(REPO_ROOT, BUNDLED_SYNC)} is missing or older than build/: run npm run build first`);
      }
    }
  }
}
