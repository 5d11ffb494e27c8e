/**
 * Options of a plugin whose zod schema is loaded only when there is something to check (importing zod costs a
 * small sync ~50 ms): options given to its factory are validated here; otherwise the loader's validated
 * `context.options` apply, or the plugin's defaults when config set none.
 */
import type { ZodType } from 'zod';
import { ConfigError } from '../errors.js';

export interface LazyOptions<Options> {
  plugin: string;
  schema: () => Promise<ZodType<Options>>;
  /** What the schema yields for `{}`, restated without zod (a test checks they agree). */
  defaults: Options;
}

/** The options `apply` works with. */
export async function resolveOptions<Options extends object>(spec: LazyOptions<Options>, given: unknown, fromContext: unknown): Promise<Options> {
  if (given !== undefined) {
    const parsed = (await spec.schema()).safeParse(given);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((issue) => `options.${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`[${spec.plugin}] invalid options: ${issues.join('; ')}`);
  }
  // Non-empty context options were validated by the loader, defaults included.
  const validated = typeof fromContext === 'object' && fromContext !== null ? (fromContext as Partial<Options>) : {};
  return { ...spec.defaults, ...validated };
}
