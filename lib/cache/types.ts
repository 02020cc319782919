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
