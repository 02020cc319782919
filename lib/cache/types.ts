/** How this request's lookup of its own key went. */
export type CacheStatus = 'HIT' | 'MISS';

export interface CacheOutcome {
  status: CacheStatus;
  /** Wall time of the whole lookup (Redis, plus Postgres on a miss), in milliseconds. */
  ms: number;
  /** True when Redis was skipped or failed and Postgres answered instead. */
  degraded: boolean;
}

export interface Cached<T> {
  value: T;
  cache: CacheOutcome;
}

/**
 * The promise made to admins and in docs/architecture.md: customers see a committed change within this many
 * seconds of Redis answering again, however long it did not (the invalidation outbox retries it every
 * second: lib/cache/outbox-retry.ts, docs/decisions/018-invalidation-outbox.md).
 */
export const FRESH_WITHIN_SECONDS = 5;
