import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    processStats?: ProcessStats;
  }
}

/** Process-wide statistics (one set per process: see lib/server/singletons.ts). */
export interface NamespaceCounts {
  hit: number;
  miss: number;
  /** Lookups that could not use Redis (down, slow or skipped by the circuit breaker). */
  degraded: number;
}

export interface ProcessStats {
  /** Every statement sent to Postgres/PGlite through Drizzle. */
  dbQueries: number;
  cache: Record<string, NamespaceCounts>;
  /**
   * Redis calls that failed (counted by the breaker), were skipped while it was open, or timed out
   * because this process was starved (lib/server/deadline.ts; not held against Redis).
   */
  redis: { failures: number; skipped: number; starved: number };
}

export function processStats(): ProcessStats {
  const shared = singletons();
  shared.processStats ??= { dbQueries: 0, cache: {}, redis: { failures: 0, skipped: 0, starved: 0 } };
  return shared.processStats;
}

export function countCacheLookup(namespace: string, outcome: 'hit' | 'miss', degraded: boolean): void {
  const cache = processStats().cache;
  const counts = (cache[namespace] ??= { hit: 0, miss: 0, degraded: 0 });
  counts[outcome] += 1;
  if (degraded) counts.degraded += 1;
}

/** A copy, so callers can diff two readings. */
export function snapshotProcessStats(): ProcessStats {
  return structuredClone(processStats());
}
