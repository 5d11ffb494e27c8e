/** Options of the firestore-sink plugin (config key `options` → `firestore-sink`). */
import { z } from 'zod';

/** Firestore refuses more than 500 writes in one commit. */
export const MAX_BATCH_OPS = 500;
/** Firestore's request limit is 10 MiB; batches stay well under it. */
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Staged data that makes `write()` commit on its own, so a huge first sync never holds the whole history. */
export const DEFAULT_MAX_STAGED_BYTES = 32 * 1024 * 1024;

export const firestoreSinkOptions = z
  .object({
    projectId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.:-]*$/, 'a Firebase project id: lower-case letters, digits and hyphens')
      .describe('Firebase project id; default: the service account file\'s project_id, then GOOGLE_CLOUD_PROJECT')
      .optional(),
    serviceAccount: z
      .string()
      .min(1)
      .describe('Path of a service-account JSON key file (never the key itself); default GOOGLE_APPLICATION_CREDENTIALS')
      .optional(),
    databaseId: z.string().min(1).describe('Firestore database id (default "(default)")').optional(),
    maxInFlight: z.number().int().min(1).max(32).describe('Commits in flight at once (default 8)').optional(),
    maxBatchOps: z.number().int().min(1).max(MAX_BATCH_OPS).describe('Writes per commit (default 500, the Firestore limit)').optional(),
    maxBatchBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(9 * 1024 * 1024)
      .describe('Approximate bytes per commit (default 4 MiB; Firestore allows 10 MiB per request)')
      .optional(),
    maxStagedBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(1024 * 1024 * 1024)
      .describe('Bytes of session documents and unsent messages staged between checkpoints before the sink commits on its own (default 32 MiB)')
      .optional(),
    retries: z.number().int().min(0).max(20).describe('Retries of a commit on transient errors (default 6)').optional(),
    retryBaseMs: z.number().int().min(1).max(60_000).describe('First retry delay before jitter; doubles each time, up to 10 s (default 300)').optional(),
    timeoutMs: z.number().int().min(100).max(600_000).describe('Deadline of one request, e.g. the probe (default 20000)').optional(),
  })
  .strict();

export type FirestoreSinkOptions = z.infer<typeof firestoreSinkOptions>;

/** The options with defaults filled in. */
export interface ResolvedTuning {
  maxInFlight: number;
  maxBatchOps: number;
  maxBatchBytes: number;
  maxStagedBytes: number;
  retries: number;
  retryBaseMs: number;
  timeoutMs: number;
}

/** Fills defaults of the tuning knobs. */
export function tuningOf(options: FirestoreSinkOptions): ResolvedTuning {
  return {
    maxInFlight: options.maxInFlight ?? 8,
    maxBatchOps: options.maxBatchOps ?? MAX_BATCH_OPS,
    maxBatchBytes: options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
    maxStagedBytes: options.maxStagedBytes ?? DEFAULT_MAX_STAGED_BYTES,
    retries: options.retries ?? 6,
    retryBaseMs: options.retryBaseMs ?? 300,
    timeoutMs: options.timeoutMs ?? 20_000,
  };
}

/** Firestore's name for the database a project gets first. */
export const DEFAULT_DATABASE_ID = '(default)';
