/**
 * Turns Firestore/gRPC failures into one clear SinkError that says what to do. Raw SDK messages are not echoed
 * (token errors can quote credentials); only the status name and, for rejected writes, the server's first line.
 */
import { SinkError } from '../../src/errors.js';

/** gRPC status codes we act on. */
export const GRPC = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const NAMES = new Map<number, string>(Object.entries(GRPC).map(([name, code]) => [code, name]));

/** Codes worth retrying: the server or network may recover. */
const TRANSIENT = new Set<number>([GRPC.UNAVAILABLE, GRPC.RESOURCE_EXHAUSTED, GRPC.ABORTED, GRPC.DEADLINE_EXCEEDED]);

/** What a message needs to know about the target. */
export interface FailureContext {
  sink: string;
  projectId: string;
  databaseId: string;
  /** "service account x@y.iam.gserviceaccount.com", "the emulator", … */
  identity: string;
  emulatorHost: string | null;
  /** What we were doing: "probing", "writing session abc", … */
  action: string;
  /** How many attempts were made (for transient failures). */
  attempts?: number;
}

/** The numeric gRPC code of an error, or null. */
export function grpcCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = error.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'string' ? error : '';
}

/** An OAuth token exchange that failed because the key is revoked, deleted or otherwise rejected. */
function isRejectedGrant(error: unknown): boolean {
  return /invalid_grant|invalid_client|unauthorized_client|account not found|Invalid JWT/i.test(messageOf(error));
}

/** True for failures a retry may fix (never for rejected credentials, which gRPC reports as UNAVAILABLE). */
export function isTransient(error: unknown): boolean {
  const code = grpcCode(error);
  return code !== null && TRANSIENT.has(code) && !isRejectedGrant(error);
}

/** The status name of an error (`PERMISSION_DENIED`), or `an error` when it has none. */
export function statusName(error: unknown): string {
  const code = grpcCode(error);
  return (code !== null && NAMES.get(code)) || 'an error';
}

/** The server's first line for a rejected write (no values: Firestore names documents and limits). */
function serverReason(error: unknown): string {
  const first = messageOf(error)
    .replace(/^\d+\s+[A-Z_]+:\s*/, '')
    .split('\n')
    .find((line) => line.trim() !== '');
  return (first ?? '').trim().slice(0, 240);
}

/** One SinkError for a failure; `unavailable` ones stop the run (exit 3 when nothing was written). */
export function toSinkError(error: unknown, ctx: FailureContext): SinkError {
  if (error instanceof SinkError) return error;
  const code = grpcCode(error);
  const target = `database "${ctx.databaseId}" of Firebase project "${ctx.projectId}"`;
  const where = ctx.emulatorHost ? `the Firestore emulator at ${ctx.emulatorHost}` : 'Firestore';
  const fail = (message: string, suggestions: string[], unavailable = true) =>
    new SinkError(ctx.sink, message, { suggestions, cause: error, unavailable });

  if (isRejectedGrant(error) || code === GRPC.UNAUTHENTICATED) {
    return fail(`${where} rejected the credentials of ${ctx.identity} while ${ctx.action} (UNAUTHENTICATED): the key was revoked, deleted or has expired, or the clock of this machine is wrong`, [
      'Create a new key: Firebase console → Project settings → Service accounts → Generate new private key',
      'Then run "code-insights init --service-account <new-key.json>"',
      'Check that this machine\'s clock is right (token signatures are time-limited)',
    ]);
  }
  switch (code) {
    case GRPC.PERMISSION_DENIED:
      return fail(`${ctx.identity} may not use ${target} (PERMISSION_DENIED while ${ctx.action})`, [
        `Grant ${ctx.identity.replace(/^service account /, '')} the "Cloud Datastore User" role (roles/datastore.user): Google Cloud console → IAM & Admin → IAM → Grant access, project "${ctx.projectId}"`,
        `If the Cloud Firestore API is disabled for the project, enable it: https://console.cloud.google.com/apis/library/firestore.googleapis.com?project=${ctx.projectId}`,
        'Check that the project id is the one the key belongs to ("code-insights init --project-id <id>")',
      ]);
    case GRPC.NOT_FOUND:
      return fail(`${target} does not exist (NOT_FOUND while ${ctx.action})`, [
        'Create it: Firebase console → Build → Firestore Database → Create database (Native mode)',
        'Or point code-insights at the right one: "code-insights init --project-id <id>" (option "databaseId" for a named database)',
      ]);
    case GRPC.FAILED_PRECONDITION:
      return fail(`${target} cannot be used with the Firestore API (FAILED_PRECONDITION while ${ctx.action}): ${serverReason(error)}`, [
        'A database in Datastore mode cannot be used; create a Firestore database in Native mode',
      ]);
    case GRPC.UNAVAILABLE:
    case GRPC.DEADLINE_EXCEEDED:
    case GRPC.CANCELLED:
      return fail(`cannot reach ${where} (${statusName(error)} while ${ctx.action}${attemptsNote(ctx)})`, [
        ctx.emulatorHost ? `Start the emulator, or unset FIRESTORE_EMULATOR_HOST (now ${ctx.emulatorHost})` : 'Check the network connection or proxy, then run "code-insights sync" again',
        'Nothing is lost: transcripts not acknowledged by Firestore are sent again by the next sync',
      ]);
    case GRPC.RESOURCE_EXHAUSTED:
      return fail(`${where} refused more writes (RESOURCE_EXHAUSTED while ${ctx.action}${attemptsNote(ctx)}): a quota or rate limit was reached`, [
        'The free plan allows 20,000 writes a day; wait for the quota to reset or enable billing',
        'Nothing is lost: the next sync sends what was not acknowledged',
      ]);
    case GRPC.ABORTED:
      return fail(`${where} kept aborting writes (ABORTED while ${ctx.action}${attemptsNote(ctx)}): too much contention`, [
        'Run "code-insights sync" again; another device may be syncing the same project right now',
      ]);
    case GRPC.INVALID_ARGUMENT:
      return fail(`${where} rejected a write while ${ctx.action} (INVALID_ARGUMENT): ${serverReason(error)}`, [], false);
    default:
      if (code === null) {
        return fail(`Firestore client failed while ${ctx.action}: ${firstLine(messageOf(error))}`, [], false);
      }
      return fail(`${where} failed while ${ctx.action} (${statusName(error)}): ${serverReason(error)}`, [], false);
  }
}

function attemptsNote(ctx: FailureContext): string {
  return ctx.attempts && ctx.attempts > 1 ? `, ${ctx.attempts} attempts` : '';
}

// Errors without a gRPC code come from our own code or the SDK's argument checks; their first line is safe.
function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 240);
}
