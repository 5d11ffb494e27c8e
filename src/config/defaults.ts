/** Defaults that the start-up path needs without loading the config schema (zod). */

/** Default caps on long message fields (characters). */
export const DEFAULT_LIMITS = {
  messageText: 20_000,
  thinking: 20_000,
  toolInput: 4_000,
  toolResult: 8_000,
} as const;

/** The sinks a config names (`sink`, default the local store), each once. */
export function configSinks(config: { sink?: string | string[] | undefined }): string[] {
  const sink = config.sink ?? 'sqlite';
  return [...new Set(Array.isArray(sink) ? sink : [sink])];
}
