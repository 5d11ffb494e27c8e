/** Describes and probes the configured Firestore sink, for `status` and `init`. Loads firebase-admin only to probe. */
import { describeIdentity, resolveCredentials, type Credentials } from '../../plugins-builtin/firestore-sink/credentials.js';
import { openFirestore, probeFirestore } from '../../plugins-builtin/firestore-sink/open-firestore.js';
import { DEFAULT_DATABASE_ID, firestoreSinkOptions, tuningOf, type FirestoreSinkOptions } from '../../plugins-builtin/firestore-sink/options.js';
import { SINK_NAME } from '../../plugins-builtin/firestore-sink/firestore-sink.js';
import { codeInsightsHome } from '../config/paths.js';
import { formatConfigIssues } from '../config/format-issues.js';
import { SinkError } from '../errors.js';

/** What `status` shows about Firestore. Never contains key material. */
export interface FirestoreDescription {
  projectId: string | null;
  databaseId: string;
  emulatorHost: string | null;
  /** The credentials file in use (service account or application default), or null (emulator / none found). */
  credentialsPath: string | null;
  /** `service account x@y`, `the emulator`, …, or null when credentials could not be resolved. */
  identity: string | null;
  probe: { ok: boolean; message: string };
}

/**
 * Resolves options (`options["firestore-sink"]` of the config) and credentials, then makes one real call.
 * Never throws: problems are reported in `probe`.
 */
export async function describeFirestore(options: unknown, env: NodeJS.ProcessEnv = process.env): Promise<FirestoreDescription> {
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST?.trim() || null;
  const parsed = firestoreSinkOptions.safeParse(options ?? {});
  if (!parsed.success) {
    const message = formatConfigIssues(parsed.error, 'config', ['options', 'firestore-sink']);
    return { projectId: null, databaseId: DEFAULT_DATABASE_ID, emulatorHost, credentialsPath: null, identity: null, probe: { ok: false, message } };
  }
  const databaseId = parsed.data.databaseId ?? DEFAULT_DATABASE_ID;
  const resolved = resolveCredentials(parsed.data, env, codeInsightsHome(env));
  if (!resolved.ok) {
    return {
      projectId: parsed.data.projectId ?? null,
      databaseId,
      emulatorHost,
      credentialsPath: null,
      identity: null,
      probe: { ok: false, message: [resolved.problem, ...resolved.suggestions].join('; ') },
    };
  }
  const credentials = resolved.value;
  const error = await probeOnce(credentials, parsed.data);
  return {
    projectId: credentials.projectId,
    databaseId,
    emulatorHost: credentials.kind === 'emulator' ? credentials.emulatorHost : null,
    credentialsPath: credentials.path,
    identity: describeIdentity(credentials),
    probe: error ? { ok: false, message: [error.message, ...error.suggestions].join('; ') } : { ok: true, message: reachableMessage(credentials, databaseId) },
  };
}

/** One probe with these credentials; resolves to the SinkError that explains a failure, or null. */
export async function probeOnce(credentials: Credentials, options: FirestoreSinkOptions): Promise<SinkError | null> {
  const databaseId = options.databaseId ?? DEFAULT_DATABASE_ID;
  try {
    const client = await openFirestore(credentials, { databaseId, timeoutMs: tuningOf(options).timeoutMs, sink: SINK_NAME });
    try {
      await probeFirestore(client, {
        sink: SINK_NAME,
        projectId: credentials.projectId,
        databaseId,
        identity: describeIdentity(credentials),
        emulatorHost: credentials.kind === 'emulator' ? credentials.emulatorHost : null,
        action: 'probing',
      });
    } finally {
      await client.close();
    }
    return null;
  } catch (error) {
    if (error instanceof SinkError) return error;
    return new SinkError(SINK_NAME, 'could not open a Firestore client', { cause: error });
  }
}

/** "reachable: database "(default)" of project "demo" (emulator at …)". */
export function reachableMessage(credentials: Credentials, databaseId: string): string {
  const via = credentials.kind === 'emulator' ? `emulator at ${credentials.emulatorHost}` : describeIdentity(credentials);
  return `reachable: database "${databaseId}" of project "${credentials.projectId}" (${via})`;
}
