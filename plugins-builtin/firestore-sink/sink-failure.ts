/** Maps anything a Firestore call threw (after retries) to the SinkError the runner acts on. */
import type { SinkError } from '../../src/errors.js';
import { GRPC, toSinkError, type FailureContext } from './classify-error.js';
import { RetriesExhausted } from './retry.js';

/** The sink's name in cursors, errors and `status`. */
export const SINK_NAME = 'firestore';

export const ALREADY_EXISTS_CODE = GRPC.ALREADY_EXISTS;
export const NOT_FOUND_CODE = GRPC.NOT_FOUND;

/** One SinkError for a failed call; a transient error that outlived its retries says how many attempts were made. */
export function sinkFailure(error: unknown, context: FailureContext): SinkError {
  if (error instanceof RetriesExhausted) return toSinkError(error.lastError, { ...context, attempts: error.attempts });
  return toSinkError(error, context);
}
