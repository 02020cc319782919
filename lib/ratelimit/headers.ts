import 'server-only';

import type { LimitResult } from './limiter';

/**
 * The budget as headers (the IETF RateLimit draft's three fields, plus Retry-After on refusals).
 * `RateLimit-Reset` is seconds from now, never the library's epoch milliseconds.
 */

export function secondsUntil(resetMs: number, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((resetMs - now) / 1_000));
}

export function rateLimitHeaders(result: Pick<LimitResult, 'limit' | 'remaining' | 'resetMs'>, now: number = Date.now()): Record<string, string> {
  return {
    'RateLimit-Limit': String(result.limit),
    'RateLimit-Remaining': String(Math.max(0, result.remaining)),
    'RateLimit-Reset': String(secondsUntil(result.resetMs, now)),
  };
}

/** At least one second: "Retry-After: 0" invites an immediate retry storm. */
export function retryAfterSeconds(resetMs: number, now: number = Date.now()): number {
  return Math.max(1, secondsUntil(resetMs, now));
}
