import 'server-only';

import { getEnv } from '@/lib/env';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

/** What every queue step needs: the store, a clock and the retry/lease settings, all injectable for tests. */

export interface QueueConfig {
  maxAttempts: number;
  visibilityTimeoutMs: number;
  backoffBaseMs: number;
}

export interface QueueDeps {
  store?: RedisStore;
  /** Wall clock (ms), injectable for leases, retry times and delayed jobs. */
  now?: () => number;
  config?: Partial<QueueConfig>;
}

export interface ResolvedQueueDeps {
  redis: RedisStore;
  now: () => number;
  config: QueueConfig;
}

export function resolveQueueDeps(deps: QueueDeps = {}): ResolvedQueueDeps {
  const env = getEnv();
  return {
    redis: deps.store ?? getRedis(),
    now: deps.now ?? Date.now,
    config: {
      maxAttempts: deps.config?.maxAttempts ?? env.QUEUE_MAX_ATTEMPTS,
      visibilityTimeoutMs: deps.config?.visibilityTimeoutMs ?? env.QUEUE_VISIBILITY_TIMEOUT_MS,
      backoffBaseMs: deps.config?.backoffBaseMs ?? env.QUEUE_BACKOFF_BASE_MS,
    },
  };
}
