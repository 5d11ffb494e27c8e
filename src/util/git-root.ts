/** Top of the git work tree containing `dir`, or null. Config search stops there. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findGitRoot(dir: string): string | null {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
