import 'server-only';

import type { RateLimitKeyPrefix } from '@/lib/cache/keys';
import { getEnv, type Env } from '@/lib/env';

/**
 * Every rate limit of the app, in one table. The README's "Rate limiting" section mirrors it.
 *
 * - `limiter` policies count requests (@upstash/ratelimit on Upstash and TCP Redis, the in-process
 *   limiter on the in-process store and when Redis is unreachable).
 * - `cooldown` policies count failures and then block for a while (plain Redis commands: INCR,
 *   PEXPIRE, SET … PX, DEL), so a success can clear them.
 *
 * `onRedisFailure` is what happens while the shared store is down, slow or skipped by the breaker:
 * `fallback` keeps limiting per instance with the in-process limiter (each instance then allows the
 * full budget, so N instances allow up to N times it); `closed` refuses (503 with Retry-After). No
 * policy is ever let through unlimited.
 */

export type OnRedisFailure = 'fallback' | 'closed';
export type Algorithm = 'slidingWindow' | 'fixedWindow';

export interface LimiterPolicy {
  kind: 'limiter';
  algorithm: Algorithm;
  /** Requests allowed per window and subject. */
  limit: number;
  windowMs: number;
  keyPrefix: RateLimitKeyPrefix;
  onRedisFailure: OnRedisFailure;
}

export interface CooldownPolicy {
  kind: 'cooldown';
  /** This many failures within `windowMs` block the subject for `blockMs`. */
  maxFailures: number;
  windowMs: number;
  blockMs: number;
  keyPrefix: RateLimitKeyPrefix;
  /** Sign-in must keep working per instance when Redis is down, so cooldowns always fall back. */
  onRedisFailure: 'fallback';
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export function limiterPolicies(env: Env = getEnv()) {
  return {
    /** Every /api/* request per client IP (proxy.ts). */
    api: {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_API_PER_MINUTE,
      windowMs: MINUTE,
      keyPrefix: 'rl:api:ip',
      onRedisFailure: 'fallback',
    },
    /**
     * Every other request that renders (pages, their RSC payloads and prefetches, server actions) per
     * client IP (proxy.ts). Generous: one city page view prefetches a link per visible restaurant.
     */
    page: {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_PAGE_PER_MINUTE,
      windowMs: MINUTE,
      keyPrefix: 'rl:page:ip',
      onRedisFailure: 'fallback',
    },
    /**
     * OTP codes sent to one phone number (for the customer-login action). Closed on a Redis outage:
     * the codes themselves live in Redis, so nothing could be verified anyway, and texts cost money.
     */
    'otp:phone': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: 3,
      windowMs: 15 * MINUTE,
      keyPrefix: 'rl:otp:phone',
      onRedisFailure: 'closed',
    },
    /** OTP codes requested from one client IP, whatever the phone number (customer-login action). */
    'otp:ip': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_OTP_PER_IP_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:otp:ip',
      onRedisFailure: 'closed',
    },
    /**
     * Anonymous calls to the health endpoints per client IP (lib/server/health-access.ts): they get
     * liveness only. Calls with an admin session or the bearer secret are not limited.
     */
    health: {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: 60,
      windowMs: MINUTE,
      keyPrefix: 'rl:health:ip',
      onRedisFailure: 'fallback',
    },
    /**
     * Favourite changes by one signed-in customer (lib/favourites/change.ts). Far above what a person
     * browsing clicks, low enough that a script can't churn Postgres rows. A fallback on a Redis
     * outage: a favourite is cheap and Postgres is where it lives.
     */
    'favourite:customer': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: 30,
      windowMs: MINUTE,
      keyPrefix: 'rl:favourite:customer',
      onRedisFailure: 'fallback',
    },
  } as const satisfies Record<string, LimiterPolicy>;
}

export const COOLDOWN_POLICIES = {
  /** Failed admin sign-ins for one account from one IP (lib/auth/sign-in.ts). */
  'login:account-ip': {
    kind: 'cooldown',
    maxFailures: 5,
    windowMs: 10 * MINUTE,
    blockMs: 15 * MINUTE,
    keyPrefix: 'rl:login:account-ip',
    onRedisFailure: 'fallback',
  },
  /**
   * Failed sign-ins for one account from all IPs together: stops guessing spread over many
   * addresses. It also lets anyone lock an account out for 15 minutes by failing on purpose; the
   * pair limit above is what an admin on their own address normally meets.
   */
  'login:account': {
    kind: 'cooldown',
    maxFailures: 20,
    windowMs: HOUR,
    blockMs: 15 * MINUTE,
    keyPrefix: 'rl:login:account',
    onRedisFailure: 'fallback',
  },
} as const satisfies Record<string, CooldownPolicy>;

export type LimiterPolicies = ReturnType<typeof limiterPolicies>;
export type LimiterPolicyName = keyof LimiterPolicies;
export type CooldownPolicyName = keyof typeof COOLDOWN_POLICIES;

/**
 * Not limited by the proxy: the health endpoints limit anonymous callers themselves (policy `health`),
 * since callers with the bearer secret or an admin session must never be refused during an incident.
 */
export const EXEMPT_PATHS = ['/api/health', '/api/health/ready'] as const;
/** Exempt only while ENABLE_BENCH_ROUTES is on (the limiter benchmark's baseline); limited like any API path otherwise. */
export const BENCH_PATH_PREFIX = '/api/internal/bench/';

/** Which proxy policy a path falls under, or null when it is exempt. */
export function proxyPolicyFor(pathname: string, env: Env = getEnv()): 'api' | 'page' | null {
  if ((EXEMPT_PATHS as readonly string[]).includes(pathname)) return null;
  if (env.ENABLE_BENCH_ROUTES && pathname.startsWith(BENCH_PATH_PREFIX)) return null;
  return pathname === '/api' || pathname.startsWith('/api/') ? 'api' : 'page';
}
