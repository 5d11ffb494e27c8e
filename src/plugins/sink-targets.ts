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
    const project = text(o.projectId) ?? env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT;
    // Without a project id in config or environment, the key file names it.
    const where = project ?? `key ${text(o.serviceAccount) ?? env.GOOGLE_APPLICATION_CREDENTIALS ?? ''}`;
    return `${env.FIRESTORE_EMULATOR_HOST ? 'emulator ' : ''}${where}/${text(o.databaseId) ?? '(default)'}`;
  }
  return null;
}
