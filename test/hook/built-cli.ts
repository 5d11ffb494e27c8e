/** Tests that run the built CLI (dist/) check it is there and not older than the sources they exercise. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/tmp-home.js';

/** `bin/run.js` of this checkout. */
export const BIN_RUN = path.join(REPO_ROOT, 'bin', 'run.js');

/** Throws unless each `src/…` file or directory named has dist twins at least as new (else: run `npm run build`). */
export function assertBuilt(entries: string[]): void {
  for (const entry of entries) {
    const src = path.join(REPO_ROOT, 'src', entry);
    const files = statSync(src).isDirectory()
      ? readdirSync(src).filter((file) => file.endsWith('.ts')).map((file) => path.join(entry, file))
      : [entry];
    for (const file of files) {
      const built = path.join(REPO_ROOT, 'dist', 'src', file.replace(/\.ts$/, '.js'));
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path.join(REPO_ROOT, 'src', file)).mtimeMs) {
        throw new Error(`${path.relative(REPO_ROOT, built)} is missing or older than its source: run npm run build first`);
      }
    }
  }
}
