import 'server-only';

import { getEnv, redisBackend, type Env } from '@/lib/env';
import { singletons } from '@/lib/server/singletons';

import { createMemoryStore } from './memory-store';
import { createTcpStore } from './tcp-store';
import type { RedisStore } from './types';
import { createUpstashStore } from './upstash-store';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    redis?: RedisStore;
  }
}

/** Builds the driver the environment selects: Upstash REST, then TCP Redis, then the in-process store. */
export function createRedisStore(env: Env): RedisStore {
  const commandTimeoutMs = env.REDIS_TIMEOUT_MS;
  switch (redisBackend(env)) {
    case 'upstash':
      return createUpstashStore({
        url: env.UPSTASH_REDIS_REST_URL!,
        token: env.UPSTASH_REDIS_REST_TOKEN!,
        commandTimeoutMs,
      });
    case 'tcp':
      return createTcpStore({ url: env.REDIS_URL!, commandTimeoutMs });
    case 'memory':
      return createMemoryStore();
  }
}

/** Where the store points, without credentials, for the start-up line. */
export function describeRedis(env: Env): string {
  switch (redisBackend(env)) {
    case 'upstash':
      return new URL(env.UPSTASH_REDIS_REST_URL!).host;
    case 'tcp': {
      const { host, pathname } = new URL(env.REDIS_URL!);
      return `${host}${pathname === '/' ? '' : pathname}`;
    }
    case 'memory':
      return 'in-process';
  }
}

/** The process's one store (see lib/server/singletons.ts). */
export function getRedis(): RedisStore {
  const shared = singletons();
  shared.redis ??= createRedisStore(getEnv());
  return shared.redis;
}
