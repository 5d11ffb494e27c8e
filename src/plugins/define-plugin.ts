import type { ZodType } from 'zod';
import type { SyncPlugin } from './types.js';

/** Identity helper so a plugin object gets its option types inferred. */
export function definePlugin<Options = unknown>(plugin: SyncPlugin<Options>): SyncPlugin<Options> {
  return plugin;
}

/** A plugin's options schema, loading it when the plugin declares it lazily; null when it has none. */
export async function resolveOptionsSchema<Options>(plugin: SyncPlugin<Options>): Promise<ZodType<Options> | null> {
  const schema = plugin.optionsSchema;
  if (!schema) return null;
  return typeof schema === 'function' ? schema() : schema;
}
