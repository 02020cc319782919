import 'server-only';

import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { processStats } from '@/lib/metrics/process-stats';
import { isStarvedTimeout, withDeadline } from '@/lib/server/deadline';
import { singletons } from '@/lib/server/singletons';

import { CircuitBreaker } from './circuit-breaker';
import { getRedis } from './client';
import { sharedRead } from './shared-reads';
import type { RedisStore } from './types';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    redisBreaker?: CircuitBreaker;
  }
}

export type GuardedResult<T> = { ok: true; value: T } | { ok: false; reason: 'skipped' | 'failed' };

function breaker(): CircuitBreaker {
  const shared = singletons();
  shared.redisBreaker ??= new CircuitBreaker();
  return shared.redisBreaker;
}

/**
 * Runs one Redis operation for a feature that can do without Redis (the cache): bounded by the
 * configured timeout, skipped while the circuit breaker is open, and never throwing. The caller
 * falls back to Postgres on `ok: false`. Failures are counted; they are logged once when an outage
 * starts and once when it ends, not per request. A timeout that expired because this process was
 * starved (lib/server/deadline.ts) fails this call but is not held against Redis: it does not count
 * toward the breaker (docs/decisions/020-deadlines-that-measure-the-backend.md).
 */
export async function guardedRedis<T>(
  operation: string,
  run: (redis: RedisStore) => Promise<T>,
  store: RedisStore = getRedis(),
  options: { bypassBreaker?: boolean } = {},
): Promise<GuardedResult<T>> {
  const circuit = breaker();
  // Rare, important writes (invalidation after a save) try even while reads skip Redis.
  if (!options.bypassBreaker && !circuit.tryAcquire()) {
    processStats().redis.skipped += 1;
    return { ok: false, reason: 'skipped' };
  }
  try {
    const value = await withDeadline(run(store), getEnv().REDIS_TIMEOUT_MS, `Redis ${operation}`);
    if (circuit.recordSuccess() === 'recovered') log.info('redis is answering again: cache back on');
    return { ok: true, value };
  } catch (error) {
    if (isStarvedTimeout(error)) {
      processStats().redis.starved += 1;
      circuit.releaseProbe();
      return { ok: false, reason: 'failed' };
    }
    processStats().redis.failures += 1;
    if (circuit.recordFailure() === 'opened') {
      log.warn('redis unavailable: serving from Postgres and skipping Redis for a while', {
        operation,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return { ok: false, reason: 'failed' };
  }
}

/**
 * guardedRedis for a read that concurrent requests share (shared-reads.ts: each reader gets a
 * command sent after it asked, shared with the readers that asked about the same time). A reader
 * that joins waits at most SHARE_WINDOW_MS more than its own command would, which has the usual
 * REDIS_TIMEOUT_MS.
 */
export function guardedSharedRead<T>(
  operation: string,
  key: string,
  run: (redis: RedisStore) => Promise<T>,
  store: RedisStore = getRedis(),
): Promise<GuardedResult<T>> {
  return sharedRead(store, `${operation} ${key}`, () => guardedRedis(operation, run, store));
}
