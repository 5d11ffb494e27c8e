/**
 * A cheap look for config files before loading cosmiconfig: a stat per search place from the working directory up
 * to the git root, plus the XDG fallback cosmiconfig's global strategy reads. A package.json counts only if it
 * mentions our key.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MODULE_KEY = 'code-insights';

export function mayHaveConfig(cwd: string, stopDir: string, searchPlaces: readonly string[]): boolean {
  let dir = path.resolve(cwd);
  const stop = path.resolve(stopDir);
  for (;;) {
    for (const place of searchPlaces) {
      const file = path.join(dir, place);
      if (!existsSync(file)) continue;
      if (place !== 'package.json') return true;
      try {
        const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
        if (typeof pkg === 'object' && pkg !== null && MODULE_KEY in pkg) return true;
      } catch {
        return true;
      }
    }
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  const xdg = process.env.XDG_CONFIG_HOME || path.join(process.env.HOME || os.homedir(), '.config');
  return existsSync(path.join(xdg, 'code-insights'));
}
