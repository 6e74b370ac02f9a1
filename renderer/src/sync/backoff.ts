/**
 * Exponential backoff with jitter: the delay doubles with each failure up to
 * a ceiling, and each device waits a random part of it, so a fleet of laptops
 * that lost the server together does not come back in lockstep.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** Delay before retry number `failures` (1 = after the first failure). `random` returns [0, 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random, retryAfterMs = 0): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  // "Equal jitter": at least half the step, so retries still spread out but never hammer.
  const delay = Math.round(exp / 2 + random() * (exp / 2));
  return Math.max(delay, retryAfterMs);
}
