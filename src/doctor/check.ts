/** One doctor verdict, and the helpers every group of checks builds them with. */
import { CodeInsightsError } from '../errors.js';

/** `info` states a fact (nothing synced yet, hook not installed) that needs no action; it never counts as a problem. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

/** The groups, in the order doctor runs and prints them. */
export const CHECK_GROUPS = ['runtime', 'config', 'state', 'store', 'roots', 'hook', 'firestore', 'plugins'] as const;
/** One of `CHECK_GROUPS`. */
export type CheckGroup = (typeof CHECK_GROUPS)[number];

/** One line of the report: a stable id (`state.lock`), its verdict, what was found, and for a problem how to fix it. */
export interface DoctorCheck {
  id: string;
  group: CheckGroup;
  status: CheckStatus;
  message: string;
  fix?: string;
}

/** What `doctor` prints; `ok` is false as soon as one check failed (warnings allowed). */
export interface DoctorReport {
  checks: DoctorCheck[];
  ok: boolean;
}

/** Builds a check; messages and fixes are scrubbed of URL credentials whatever their source (error texts included). */
export function check(group: CheckGroup, id: string, status: CheckStatus, message: string, fix?: string): DoctorCheck {
  return { id: `${group}.${id}`, group, status, message: scrubUrlCredentials(message), ...(fix ? { fix: scrubUrlCredentials(fix) } : {}) };
}

/** The report for a list of checks. */
export function toReport(checks: DoctorCheck[]): DoctorReport {
  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}

/** `https://user:token@host/x` → `https://***@host/x`: a plugin specifier or an error text may carry one. */
export function scrubUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}

/** A CodeInsightsError's suggestions as one `fix` line, or undefined when it has none. */
export function suggestionsOf(error: unknown): string | undefined {
  return error instanceof CodeInsightsError && error.suggestions.length > 0 ? error.suggestions.join('; ') : undefined;
}
