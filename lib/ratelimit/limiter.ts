import 'server-only';

import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';

import { rateLimitSubject } from './keys';
import type { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { DeadlineError, isStarvedTimeout, withDeadline } from '@/lib/server/deadline';

import type { FallbackLimiter } from './fallback-limiter';
import type { LimiterPolicy } from './policies';
import type { ScriptRedis } from './tcp-adapter';

/**
 * `limit(policy, identifier)`: @upstash/ratelimit on the shared store (Upstash, or TCP Redis through
 * the script adapter), the in-process limiter on the in-process store. A shared-store call that
 * throws or outlives the policy timeout counts as a Redis failure for the breaker and is answered by
 * the policy's `onRedisFailure`: the in-process limiter ('fallback') or a refusal ('closed'). The
 * timeout is starvation-aware (lib/server/deadline.ts): one that expired because this process was
 * starved is answered the same way but not held against Redis.
 */

export type LimitSource = 'redis' | 'memory' | 'fallback' | 'closed';

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the budget refills (for `closed`: when to try again). */
  resetMs: number;
  source: LimitSource;
  /** Background work of the library; hand it to `waitUntil`. */
  pending: Promise<unknown>;
}

export interface RateLimiter<Name extends string> {
  limit(name: Name, identifier: string): Promise<LimitResult>;
}

export interface RateLimiterOptions<Name extends string> {
  policies: Readonly<Record<Name, LimiterPolicy>>;
  /** Ratelimit's `redis`: an @upstash/redis client or the TCP script adapter; none on the in-process store. */
  redis?: Redis | ScriptRedis;
  /** Full key prefix of a policy (REDIS_KEY_PREFIX included), from lib/cache/keys.ts. */
  keyPrefix: (policy: LimiterPolicy) => string;
  /** Per call: a few tens of milliseconds, not the library's 5 s. */
  timeoutMs: number;
  breaker: CircuitBreaker;
  fallback: FallbackLimiter;
  /** How long a `closed` answer asks the client to wait. */
  closedRetryMs?: number;
  onOutage?: (event: 'opened' | 'recovered', error?: unknown) => void;
  /**
   * Each call Redis did not take (it failed, timed out, even through this process's own starvation,
   * or the breaker skipped it): a limit is a write, so Redis may be refusing writes. A timeout
   * hands over the call, still under way: a slow Redis answers it late, one pausing writes does not
   * (state.ts tells them apart). The limit's answer waits for the callback.
   */
  onRefusedWrite?: (timedOut?: Promise<unknown>) => void | Promise<void>;
  now?: () => number;
}

const settled = Promise.resolve();

/** The library forgets a block only when that subject returns; subjects that never do are swept here. */
const MAX_CACHED_BLOCKS = 10_000;

function forgetExpired(blocked: Map<string, number>, at: number): void {
  for (const [key, until] of blocked) if (until <= at) blocked.delete(key);
}

interface Shared {
  ratelimit: Ratelimit;
  /** The library's ephemeral cache (key → blocked until), also read here before touching the breaker. */
  blocked: Map<string, number>;
}

export function createRateLimiter<Name extends string>(options: RateLimiterOptions<Name>): RateLimiter<Name> {
  const now = options.now ?? Date.now;
  const closedRetryMs = options.closedRetryMs ?? 5_000;
  const shared = new Map<Name, Shared>();

  // One Ratelimit per policy for the life of the process, so its ephemeral cache outlives requests.
  if (options.redis) {
    for (const name of Object.keys(options.policies) as Name[]) {
      const policy = options.policies[name];
      const blocked = new Map<string, number>();
      const window = `${policy.windowMs} ms` as const;
      const ratelimit = new Ratelimit({
        redis: options.redis as Redis,
        limiter:
          policy.algorithm === 'fixedWindow'
            ? Ratelimit.fixedWindow(policy.limit, window)
            : Ratelimit.slidingWindow(policy.limit, window),
        prefix: options.keyPrefix(policy),
        // Off: the library's own timer can't tell a slow Redis from a starved process; limit() times it.
        timeout: 0,
        ephemeralCache: blocked,
        analytics: false,
        enableProtection: false,
      });
      shared.set(name, { ratelimit, blocked });
    }
  }

  function local(policy: LimiterPolicy, key: string, source: 'memory' | 'fallback'): LimitResult {
    return { ...options.fallback.limit(key, policy), source, pending: settled };
  }

  function degraded(policy: LimiterPolicy, key: string): LimitResult {
    if (policy.onRedisFailure === 'fallback') return local(policy, key, 'fallback');
    return { success: false, limit: policy.limit, remaining: 0, resetMs: now() + closedRetryMs, source: 'closed', pending: settled };
  }

  return {
    async limit(name, identifier) {
      const policy = options.policies[name];
      const subject = rateLimitSubject(identifier);
      // The library's own key for the subject, `<prefix>:<subject>`: its ephemeral cache uses it too.
      const key = `${options.keyPrefix(policy)}:${subject}`;
      const entry = shared.get(name);
      if (!entry) return local(policy, key, 'memory');

      if (entry.blocked.size > MAX_CACHED_BLOCKS) forgetExpired(entry.blocked, now());
      // Already refused until a known time: answer without Redis (and without taking a breaker probe).
      const blockedUntil = entry.blocked.get(key);
      if (blockedUntil !== undefined && blockedUntil > now()) {
        return { success: false, limit: policy.limit, remaining: 0, resetMs: blockedUntil, source: 'redis', pending: settled };
      }

      if (!options.breaker.tryAcquire()) {
        options.onRefusedWrite?.();
        return degraded(policy, key);
      }
      const call = entry.ratelimit.limit(subject);
      try {
        const result = await withDeadline(call, options.timeoutMs, 'rate limit');
        if (options.breaker.recordSuccess() === 'recovered') options.onOutage?.('recovered');
        return {
          success: result.success,
          limit: result.limit,
          remaining: result.remaining,
          resetMs: result.reset,
          source: 'redis',
          pending: result.pending,
        };
      } catch (error) {
        // Starved or not, Redis may be refusing the write (state.ts asks); only the breaker ignores a
        // starved timeout, which measured this process, not Redis (decisions 020, 049).
        await options.onRefusedWrite?.(error instanceof DeadlineError ? call : undefined);
        if (isStarvedTimeout(error)) options.breaker.releaseProbe();
        else if (options.breaker.recordFailure() === 'opened') options.onOutage?.('opened', error);
        return degraded(policy, key);
      }
    },
  };
}
