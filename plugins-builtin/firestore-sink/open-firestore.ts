/**
 * Opens a Firestore client for one sink or one probe: firebase-admin is imported here, lazily, into its own named
 * app (no default-app globals), and deleted again by `close()`.
 */
import { randomUUID } from 'node:crypto';
import type { FieldPath, FieldValue, Firestore } from 'firebase-admin/firestore';
import { SinkError } from '../../src/errors.js';
import type { Credentials } from './credentials.js';
import { toSinkError, type FailureContext } from './classify-error.js';

/** An open client; `close()` releases its channels (call it once). */
export interface FirestoreClient {
  db: Firestore;
  fieldValue: typeof FieldValue;
  /** `FieldPath.documentId()`, for ordering by document id. */
  documentIdField: FieldPath;
  close(): Promise<void>;
}

/**
 * gax settings for calls the SDK does not pass its own retry codes to (the probe's ListCollectionIds):
 * one attempt with a deadline, so an unreachable server is reported in seconds, not after minutes of retries.
 */
function probeClientConfig(timeoutMs: number) {
  return {
    interfaces: {
      'google.firestore.v1.Firestore': {
        retry_codes: { none: [] },
        retry_params: {
          once: {
            initial_retry_delay_millis: 100,
            retry_delay_multiplier: 1.3,
            max_retry_delay_millis: 1000,
            initial_rpc_timeout_millis: timeoutMs,
            rpc_timeout_multiplier: 1,
            max_rpc_timeout_millis: timeoutMs,
            total_timeout_millis: timeoutMs,
          },
        },
        methods: { ListCollectionIds: { timeout_millis: timeoutMs, retry_codes_name: 'none', retry_params_name: 'once' } },
      },
    },
  };
}

/** Creates the client. Throws SinkError when the key cannot be used (without quoting it). */
export async function openFirestore(credentials: Credentials, options: { databaseId: string; timeoutMs: number; sink: string }): Promise<FirestoreClient> {
  // Credentials here are always a file or the emulator, never the cloud metadata server; without this the Google
  // auth library probes 169.254.169.254 (off Google Cloud: a delay, a warning, and traffic to an address not ours).
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const [appModule, firestoreModule] = await Promise.all([import('firebase-admin/app'), import('firebase-admin/firestore')]);
  let credential;
  if (credentials.kind === 'service-account') {
    try {
      const { projectId, clientEmail, privateKey } = credentials.account;
      credential = appModule.cert({ projectId, clientEmail, privateKey });
    } catch (error) {
      throw new SinkError(options.sink, `the private key in ${credentials.path} cannot be used`, {
        cause: error,
        suggestions: ['Create a new key (Firebase console → Project settings → Service accounts) and run "code-insights init --service-account <file>"'],
      });
    }
  } else if (credentials.kind === 'application-default') {
    credential = appModule.applicationDefault();
  }
  // No credential under the emulator: the SDK talks plain HTTP/2 to it with an owner token and fetches nothing.
  const app = appModule.initializeApp(
    { projectId: credentials.projectId, ...(credential ? { credential } : {}) },
    `code-insights-firestore-${randomUUID()}`,
  );
  try {
    const db = firestoreModule.getFirestore(app, options.databaseId);
    db.settings({
      ignoreUndefinedProperties: true,
      clientConfig: probeClientConfig(options.timeoutMs),
      // After a network blip, reconnect within our retry window instead of gRPC's default (up to 2 min).
      grpcOptions: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2_000 },
      ...(credentials.kind === 'emulator' ? { host: credentials.emulatorHost, ssl: false } : {}),
    });
    return { db, fieldValue: firestoreModule.FieldValue, documentIdField: firestoreModule.FieldPath.documentId(), close: () => appModule.deleteApp(app) };
  } catch (error) {
    await appModule.deleteApp(app);
    throw error;
  }
}

/** One real, read-only call; resolves when the database exists and the identity may read it. */
export async function probeFirestore(client: FirestoreClient, ctx: FailureContext): Promise<void> {
  try {
    await client.db.listCollections();
  } catch (error) {
    throw toSinkError(error, ctx);
  }
}
