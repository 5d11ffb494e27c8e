import type { SyncPlugin } from './types.js';

/** Identity helper so a plugin object gets its option types inferred. */
export function definePlugin<Options = unknown>(plugin: SyncPlugin<Options>): SyncPlugin<Options> {
  return plugin;
}
