/** Retries with exponential backoff and full jitter, so devices that failed together do not retry together. */
import { setTimeout as delay } from 'node:timers/promises';

/** Thrown after the last attempt; carries the last error and how many attempts were made. */
export class RetriesExhausted extends Error {
  readonly lastError: unknown;
  readonly attempts: number;
  constructor(lastError: unknown, attempts: number) {
    super(`gave up after ${attempts} attempts`, { cause: lastError });
    this.lastError = lastError;
    this.attempts = attempts;
  }
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First delay ceiling; doubles per retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs?: number;
  isTransient: (error: unknown) => boolean;
  signal?: AbortSignal;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

/** The delay before retry number `retry` (0-based): uniform in [0, min(max, base·2^retry)]. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs ?? 10_000, policy.baseDelayMs * 2 ** retry);
  return Math.round((policy.random ?? Math.random)() * ceiling);
}

/** Runs `attempt` until it succeeds, fails permanently (rethrown as is), or runs out of retries (RetriesExhausted). */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!policy.isTransient(error)) throw error;
      if (retry >= policy.retries || policy.signal?.aborted) throw new RetriesExhausted(error, retry + 1);
      try {
        await delay(backoffDelay(retry, policy), undefined, { signal: policy.signal });
      } catch {
        throw new RetriesExhausted(error, retry + 1);
      }
    }
  }
}
