import 'server-only';

import { Redis } from '@upstash/redis';

import { rateLimitKeys } from './keys';
import { getEnv, redisBackend, type Env } from '@/lib/env';
import { log } from '@/lib/log';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { getRedis } from '@/lib/redis/client';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { noteIfWritesStall, noteRefusedWrite } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { createCooldowns, type Cooldowns } from './cooldown';
import { FallbackLimiter } from './fallback-limiter';
import { createRateLimiter, type RateLimiter } from './limiter';
import { cooldownPolicies, limiterPolicies, type LimiterPolicyName } from './policies';
import { createTcpScriptRedis, type TcpScriptRedis } from './tcp-adapter';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The rate limiter, its own Redis clients, breaker and fallback: shared by the proxy and every action. */
    rateLimit?: RateLimitState;
  }
}

/** Sign-in is rare and a cooldown takes a few commands: a little more room than one limit. */
const COOLDOWN_TIMEOUT_FACTOR = 3;
/** HTTP requests to Upstash are torn down after this, so a hung one never piles up behind the timeout. */
const UPSTASH_ABORT_MS = 1_000;

export interface RateLimitState {
  limiter: RateLimiter<LimiterPolicyName>;
  cooldowns: Cooldowns;
  breaker: CircuitBreaker;
  close(): Promise<void>;
}

function limiterRedis(env: Env): Redis | TcpScriptRedis | undefined {
  switch (redisBackend(env)) {
    case 'upstash':
      return new Redis({
        url: env.UPSTASH_REDIS_REST_URL!,
        token: env.UPSTASH_REDIS_REST_TOKEN!,
        enableTelemetry: false,
        // A retry would outlive the limiter's budget; the breaker decides when to try again.
        retry: { retries: 0, backoff: () => 0 },
        signal: () => AbortSignal.timeout(UPSTASH_ABORT_MS),
      });
    case 'tcp':
      return createTcpScriptRedis(env.REDIS_URL!);
    case 'memory':
      return undefined;
  }
}

function reportOutage(event: 'opened' | 'recovered', error?: unknown): void {
  if (event === 'recovered') {
    log.info('rate limits: redis is answering again, shared budgets back on');
    return;
  }
  log.warn('rate limits: redis unavailable, per-instance limits (or refusals) until it answers again', {
    error: error instanceof Error ? error.message : String(error),
  });
}

export function createRateLimitState(env: Env, options: { store?: () => RedisStore } = {}): RateLimitState {
  const redis = limiterRedis(env);
  // Its own breaker: the cache's skips Redis for reads, this one for limits; each recovers by its own probe.
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 5_000 });
  return {
    breaker,
    limiter: createRateLimiter({
      policies: limiterPolicies(env),
      redis,
      keyPrefix: (policy) => rateLimitKeys.limiterPrefix(policy.keyPrefix),
      timeoutMs: env.RATE_LIMIT_TIMEOUT_MS,
      breaker,
      fallback: new FallbackLimiter(),
      onOutage: reportOutage,
      onRefusedWrite: (timedOut) => (timedOut ? noteIfWritesStall(timedOut, (options.store ?? getRedis)(), env.REDIS_TIMEOUT_MS) : noteRefusedWrite()),
    }),
    cooldowns: createCooldowns({
      policies: cooldownPolicies(env),
      store: options.store ?? getRedis,
      local: createMemoryStore(),
      breaker,
      timeoutMs: env.RATE_LIMIT_TIMEOUT_MS * COOLDOWN_TIMEOUT_FACTOR,
      onOutage: reportOutage,
    }),
    async close() {
      if (redis && 'close' in redis) await redis.close();
    },
  };
}

/** The process's one rate-limit state (see lib/server/singletons.ts). */
export function rateLimitState(): RateLimitState {
  const shared = singletons();
  shared.rateLimit ??= createRateLimitState(getEnv());
  return shared.rateLimit;
}
