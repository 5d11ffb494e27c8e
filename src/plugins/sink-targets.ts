/**
 * Where a built-in sink writes, from its options and the environment. A sink that now writes somewhere else
 * (another Firestore project or database, the emulator instead of the cloud, another SQLite file) holds nothing of
 * what was synced before, so it is caught up like a sink that was added. Computed from config alone: the quick
 * nothing-to-do check knows it without loading the sink.
 */

/** The target of the built-in plugin `plugin` with these (unchecked) options, or null: its one default place. */
export function builtinSinkTarget(plugin: string, options: unknown, env: NodeJS.ProcessEnv): string | null {
  const o = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (plugin === 'sqlite-sink') return text(o.path) ?? null;
  if (plugin === 'firestore-sink') {
    // The project as the sink finds it (credentials.ts): config, else the key file's (named by its path here), else
    // the environment's. The emulator reads only a configured key.
    const emulator = Boolean(env.FIRESTORE_EMULATOR_HOST?.trim());
    const key = text(o.serviceAccount) ?? (emulator ? undefined : env.GOOGLE_APPLICATION_CREDENTIALS?.trim() || undefined);
    const project = text(o.projectId) ?? (key === undefined ? env.GOOGLE_CLOUD_PROJECT?.trim() || env.GCLOUD_PROJECT?.trim() || '?' : `key ${key}`);
    return `${emulator ? 'emulator ' : ''}${project}/${text(o.databaseId) ?? '(default)'}`;
  }
  return null;
}
