import 'server-only';

import type { RateLimitKeyPrefix } from './keys';
import { getEnv, trustedProxies, type Env } from '@/lib/env';
import { isApiPath } from '@/lib/http/route-kinds.mjs';
import { REQUEST_ID_HEADER } from '@/lib/http/unavailable-answers.mjs';
import { isMediaPath } from '@/lib/media/store';
import { sharedPageAt } from '@/lib/page-cache/paths';

import { clientIdentity, normalizeAddress } from './client-identity';

/**
 * Every rate limit of the app, in one table. docs/rate-limits.md mirrors it.
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
const DAY = 24 * HOUR;

/**
 * An address block (IPv4 /24, IPv6 /48) may do this many times what one address may: an IPv6 client
 * is counted per /64 (client-identity.ts), and a tunnel broker hands out a /48 of 65,536 of them free.
 */
export const ADDRESS_BLOCK_FACTOR = 5;
/**
 * Wider for new guest carts: a refusal there asks a customer to sign in before their first ADD, and a
 * carrier's NAT can put many households behind one /24. Still bounds a /48 to 600 carts an hour.
 */
export const GUEST_CART_BLOCK_FACTOR = 20;

function otpLimit(limit: number, windowMs: number, keyPrefix: RateLimitKeyPrefix) {
  return { kind: 'limiter', algorithm: 'slidingWindow', limit, windowMs, keyPrefix, onRedisFailure: 'closed' } as const;
}

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
    // Sign-in codes (lib/customers/otp.ts, in this order; the first refusal stops the rest). Closed on
    // a Redis outage: the codes live in Redis, so nothing could be verified anyway, and texts cost
    // money. The arithmetic behind the numbers: docs/decisions/011-sign-in-codes-bound-to-a-browser.md.
    /** Codes requested from one client address, whatever the number: generous for carrier NAT. */
    'otp:ip:hour': otpLimit(env.RATE_LIMIT_OTP_PER_IP_PER_HOUR, HOUR, 'rl:otp:ip:hour'),
    'otp:ip:day': otpLimit(env.RATE_LIMIT_OTP_PER_IP_PER_DAY, DAY, 'rl:otp:ip:day'),
    /** From one address block (IPv4 /24, IPv6 /48): renting neighbouring addresses buys little. */
    'otp:block:hour': otpLimit(ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_OTP_PER_IP_PER_HOUR, HOUR, 'rl:otp:block:hour'),
    'otp:block:day': otpLimit(ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_OTP_PER_IP_PER_DAY, DAY, 'rl:otp:block:day'),
    /** Codes sent to one number from browsers that never signed in with it: what carries the weight. */
    'otp:phone:hour': otpLimit(5, HOUR, 'rl:otp:phone:hour'),
    'otp:phone:day': otpLimit(10, DAY, 'rl:otp:phone:day'),
    /** Codes to one number from one browser that signed in with it before: its own budget, which nobody else can spend. */
    'otp:phone-device': otpLimit(5, HOUR, 'rl:otp:phone-device'),
    /**
     * Codes to one number from all the browsers that signed in with it: each sign-in from a new browser
     * adds one, and each has 5 an hour of its own, so this total keeps one phone from gathering
     * browsers and pumping every address's budget into texts to itself. Only those browsers spend it.
     */
    'otp:phone-known:hour': otpLimit(10, HOUR, 'rl:otp:phone-known:hour'),
    'otp:phone-known:day': otpLimit(30, DAY, 'rl:otp:phone-known:day'),
    /**
     * New visitor ids issued to one client IP (the views route): a view counts only with an id the
     * server issued, so this bounds how many views one address can add to a restaurant in an hour.
     */
    'views:new-visitor': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_NEW_VISITORS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:views:new-visitor',
      onRedisFailure: 'fallback',
    },
    /** The same from one address block (IPv4 /24, IPv6 /48), spent after the address's own. */
    'views:new-visitor:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_NEW_VISITORS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:views:new-visitor:block',
      onRedisFailure: 'fallback',
    },
    /**
     * Counted views per client IP and restaurant (the views route). An id counts once an hour per
     * restaurant but outlives the hour, so ids collected from many addresses could be replayed from
     * one, every hour; this keeps what one address adds to a restaurant (and to Trending) to the
     * same hourly budget as the ids it may be issued. Spent only by a view that would count, after
     * the hour's dedupe (lib/views/record-view.ts): reloads behind a NAT must not use up colleagues' views.
     */
    'views:counted': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_NEW_VISITORS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:views:counted',
      onRedisFailure: 'fallback',
    },
    /** The same per address block (IPv4 /24, IPv6 /48) and restaurant, spent after the address's own. */
    'views:counted:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_NEW_VISITORS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:views:counted:block',
      onRedisFailure: 'fallback',
    },
    /**
     * Counted views per client IP across all restaurants (the views route), spent after the restaurant's
     * own budget, which bounds one restaurant only: an address with 30 ids could count 30 views at
     * every restaurant an hour, each a dedupe key held for the hour (about 1 MB per address with 200
     * restaurants). Ten restaurants' worth of the address's new visitors.
     */
    'views:counted:any': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: 10 * env.RATE_LIMIT_NEW_VISITORS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:views:counted:any',
      onRedisFailure: 'fallback',
    },
    /** The same per address block (IPv4 /24, IPv6 /48), spent after the address's own. */
    'views:counted:any:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: ADDRESS_BLOCK_FACTOR * 10 * env.RATE_LIMIT_NEW_VISITORS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:views:counted:any:block',
      onRedisFailure: 'fallback',
    },
    /**
     * Search results one client IP adds to Redis (lib/search/cached.ts): each distinct search is its
     * own entry (up to ~15 KB for 60 s), and "chicken !", "chicken !!", … are all distinct, so without
     * this an address stored what it asked for at the API's pace (120 a minute) and a few hundred
     * addresses or an IPv6 /48 filled Redis, whose eviction then takes sessions and carts. Per minute,
     * as long as an entry lives, so it bounds what an address holds in Redis at any moment, not only
     * on average. Past it a search is answered from Postgres and not stored: hits are never refused.
     */
    'search:stored': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_NEW_SEARCHES_PER_MINUTE,
      windowMs: MINUTE,
      keyPrefix: 'rl:search:stored',
      onRedisFailure: 'fallback',
    },
    /** The same from one address block (IPv4 /24, IPv6 /48), spent after the address's own. */
    'search:stored:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_NEW_SEARCHES_PER_MINUTE,
      windowMs: MINUTE,
      keyPrefix: 'rl:search:stored:block',
      onRedisFailure: 'fallback',
    },
    /**
     * Searches one client address makes that miss the cache, each a Postgres query (lib/search/cached.ts):
     * a hit costs about 12 ms on a production build, a miss 35 ms, and a miss of 100 characters 200-300
     * ms, so under the `api` budget alone (120 a minute) ten addresses of made-up searches kept the
     * server busy, where hits needed dozens (storage review, 2026-12-07). Hits are never refused.
     */
    'search:loaded': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_SEARCHES_LOADED_PER_MINUTE,
      windowMs: MINUTE,
      keyPrefix: 'rl:search:loaded',
      onRedisFailure: 'fallback',
    },
    /** The same from one address block (IPv4 /24, IPv6 /48), spent after the address's own. */
    'search:loaded:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_SEARCHES_LOADED_PER_MINUTE,
      windowMs: MINUTE,
      keyPrefix: 'rl:search:loaded:block',
      onRedisFailure: 'fallback',
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
     * Health calls that carry a session cookie, per client IP, spent before the session is read: a
     * made-up cookie otherwise bought a session read (a Redis round trip) on every call, with no
     * limit. Far above what an admin opening the page does; over it, the call is an anonymous one.
     */
    'health:session': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: 120,
      windowMs: MINUTE,
      keyPrefix: 'rl:health:session:ip',
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
    /**
     * New guest carts per client address (lib/cart/guest.ts): an anonymous id, and so a cart in
     * Redis, is issued on a guest's first ADD. Ample for a household or an office behind one NAT;
     * what bounds the memory a script from one address can fill. Past it, ADD asks to sign in.
     */
    'cart:new-guest': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:cart:new-guest',
      onRedisFailure: 'fallback',
    },
    /** The same from one address block (IPv4 /24, IPv6 /48), spent after the address's own. */
    'cart:new-guest:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: GUEST_CART_BLOCK_FACTOR * env.RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR,
      windowMs: HOUR,
      keyPrefix: 'rl:cart:new-guest:block',
      onRedisFailure: 'fallback',
    },
    /**
     * New guest carts per client address and day, spent after the hour's. A cart lives up to a day
     * after its id was issued (the id names it for 12 h, each ADD keeps it 12 h more), so the hourly
     * budget alone let one address hold 24 hours' worth: 720 carts of up to 50 lines, about 2 MB
     * (storage review, decision 066). A day's share bounds what an address holds at any time.
     */
    'cart:new-guest:day': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: env.RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY,
      windowMs: DAY,
      keyPrefix: 'rl:cart:new-guest:day',
      onRedisFailure: 'fallback',
    },
    /** The same from one address block (IPv4 /24, IPv6 /48), spent after the address's own. */
    'cart:new-guest:day:block': {
      kind: 'limiter',
      algorithm: 'slidingWindow',
      limit: GUEST_CART_BLOCK_FACTOR * env.RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY,
      windowMs: DAY,
      keyPrefix: 'rl:cart:new-guest:day:block',
      onRedisFailure: 'fallback',
    },
  } as const satisfies Record<string, LimiterPolicy>;
}

/** Failed admin sign-ins one address may make in an hour, whatever the account (from unknown browsers). */
const LOGIN_FAILURES_PER_IP = 30;

/** Wrong sign-in codes: always a fallback on a Redis outage (the codes live in Redis anyway). */
function wrongCodes(maxFailures: number, windowMs: number, keyPrefix: RateLimitKeyPrefix) {
  return { kind: 'cooldown', maxFailures, windowMs, blockMs: windowMs, keyPrefix, onRedisFailure: 'fallback' } as const;
}

/** Orders placed from one address or block in a day: a fallback on a Redis outage, as wrong codes. */
function placedOrders(maxOrders: number, keyPrefix: RateLimitKeyPrefix) {
  return { kind: 'cooldown', maxFailures: maxOrders, windowMs: DAY, blockMs: DAY, keyPrefix, onRedisFailure: 'fallback' } as const;
}

/** Every failure cooldown, in one table (docs/rate-limits.md mirrors it); the wrong-code budgets come from the environment. */
export function cooldownPolicies(env: Env = getEnv()) {
  return {
    /** Failed admin sign-ins for one account from one IP, from browsers that never signed in as it (lib/auth/sign-in.ts). */
    'login:account-ip': {
      kind: 'cooldown',
      maxFailures: 5,
      windowMs: 10 * MINUTE,
      blockMs: 15 * MINUTE,
      keyPrefix: 'rl:login:account-ip',
      onRedisFailure: 'fallback',
    },
    /**
     * Failed sign-ins for one account from all unknown browsers together: stops guessing spread over
     * many addresses. Its block shuts out unknown browsers only; the admin's own browser (login:device)
     * still signs in, so failing on purpose locks nobody out of a browser they used before.
     */
    'login:account': {
      kind: 'cooldown',
      maxFailures: 20,
      windowMs: HOUR,
      blockMs: 15 * MINUTE,
      keyPrefix: 'rl:login:account',
      onRedisFailure: 'fallback',
    },
    /** Failed sign-ins from one IP, whatever the account (from unknown browsers): the attacker's address pays. */
    'login:ip': {
      kind: 'cooldown',
      maxFailures: LOGIN_FAILURES_PER_IP,
      windowMs: HOUR,
      blockMs: HOUR,
      keyPrefix: 'rl:login:ip',
      onRedisFailure: 'fallback',
    },
    /**
     * The same from one address block (IPv4 /24, IPv6 /48): every attempt that passes these budgets
     * costs a password hash (~32 MiB and 50-100 ms on a threadpool thread), and per address alone a
     * tunnel broker's free /48 was 65,536 clients of 30 hashes an hour each (attack review).
     */
    'login:block': {
      kind: 'cooldown',
      maxFailures: ADDRESS_BLOCK_FACTOR * LOGIN_FAILURES_PER_IP,
      windowMs: HOUR,
      blockMs: HOUR,
      keyPrefix: 'rl:login:block',
      onRedisFailure: 'fallback',
    },
    /** Failed sign-ins for one account from one browser that signed in as it before (its device cookie). */
    'login:device': {
      kind: 'cooldown',
      maxFailures: 5,
      windowMs: 10 * MINUTE,
      blockMs: 15 * MINUTE,
      keyPrefix: 'rl:login:device',
      onRedisFailure: 'fallback',
    },
    // Wrong sign-in codes (lib/customers/otp.ts verifyOtp), from browsers that never signed in with the
    // number, whatever the number: each code allows OTP_MAX_ATTEMPTS guesses, and an address can ask
    // codes for many numbers, so without these every address could guess 5 times per code it may ask
    // for. The block lasts as long as the window: a sustained guesser gets at most the day's budget a
    // day. Only a code compared and found wrong counts; a right one clears nothing (it says nothing
    // about guesses at other numbers). Arithmetic: docs/security.md and decision 011.
    /** Wrong codes from one client address: a few mistypes pass, guessing across numbers doesn't. */
    'otp:wrong:ip:hour': wrongCodes(env.RATE_LIMIT_OTP_WRONG_PER_IP_PER_HOUR, HOUR, 'rl:otp:wrong:ip:hour'),
    'otp:wrong:ip:day': wrongCodes(env.RATE_LIMIT_OTP_WRONG_PER_IP_PER_DAY, DAY, 'rl:otp:wrong:ip:day'),
    /** From one address block (IPv4 /24, IPv6 /48), as the code requests are: a /48 holds 65,536 addresses. */
    'otp:wrong:block:hour': wrongCodes(ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_OTP_WRONG_PER_IP_PER_HOUR, HOUR, 'rl:otp:wrong:block:hour'),
    'otp:wrong:block:day': wrongCodes(ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_OTP_WRONG_PER_IP_PER_DAY, DAY, 'rl:otp:wrong:block:day'),
    // Orders placed from one address, whichever customers place them (lib/orders/address-budget.ts): each
    // customer has budgets of their own (counted in Postgres), but one address signs in 30 numbers a
    // day, and each number's orders are texts and rows. Taken before an order is placed and given back
    // unless one was, as wrong codes are; the block lasts the window. Attack review: docs/security.md.
    'orders:ip:day': placedOrders(env.RATE_LIMIT_ORDERS_PER_IP_PER_DAY, 'rl:orders:ip:day'),
    'orders:block:day': placedOrders(ADDRESS_BLOCK_FACTOR * env.RATE_LIMIT_ORDERS_PER_IP_PER_DAY, 'rl:orders:block:day'),
  } as const satisfies Record<string, CooldownPolicy>;
}

export type LimiterPolicies = ReturnType<typeof limiterPolicies>;
export type LimiterPolicyName = keyof LimiterPolicies;
export type CooldownPolicies = ReturnType<typeof cooldownPolicies>;
export type CooldownPolicyName = keyof CooldownPolicies;

/**
 * Not limited by the proxy: the health endpoints limit anonymous callers themselves (policy `health`),
 * since callers with the bearer secret or an admin session must never be refused during an incident.
 */
export const EXEMPT_PATHS = ['/api/health', '/api/health/ready'] as const;
/** Exempt only while ENABLE_BENCH_ROUTES is on (the limiter benchmark's baseline); limited like any API path otherwise. */
export const BENCH_PATH_PREFIX = '/api/internal/bench/';
/**
 * Also only while ENABLE_BENCH_ROUTES is on: a request carrying this header (value `1`) skips the
 * limiter, whatever its path, so `npm run bench:ratelimit` can compare the very same page or API URL
 * with and without the limiter. Ignored otherwise, so in a deployment it exempts nothing.
 */
export const BENCH_EXEMPT_HEADER = 'x-thali-bench-exempt';

/** `::1` is counted as its /64 (client-identity.ts), in which nothing else is routable. */
const IPV6_LOOPBACK_SUBJECT = normalizeAddress('::1');

function isLoopbackClient(identity: string): boolean {
  return identity.startsWith('127.') || identity === IPV6_LOOPBACK_SUBJECT;
}

/**
 * A page that runs a search (`?q=`, the city page's box): each new search is a Postgres query the
 * cache has not seen, so it draws on the API's budget, like `GET /api/cities/<city>/search`, rather
 * than the pages' more generous one. Its refusal is still a page. Only a city page reads `q`
 * (lib/page-cache/canonical.ts): home's and a menu's are redirected away without a search, and any
 * other page ignores it (attack review 3: `/?q=x` spent an API unit on a redirect). Nothing under
 * `/_next/` is a city page: the image optimizer's `q` is a photo's quality, and every photo of a
 * menu drew on the API's budget (attack review: 120 photos a minute, and the visitor's searches and
 * photos were refused).
 */
function carriesSearch(url: URL): boolean {
  // A percent-escaped spelling (`/%64elhi?q=…`) is only redirected to its plain one (decision 079).
  return sharedPageAt(url.pathname)?.kind === 'city' && (url.searchParams.get('q') ?? '').trim() !== '';
}

/**
 * A page's own part that its script asks for (a menu's cart and heart after load, GET
 * /api/restaurants/<slug>/visitor; the guest id its first ADD needs, POST /api/cart/guest, as the
 * ADD's action does; an order's status, which its page polls, GET /api/orders/<id>/status; the
 * active orders' statuses, which /account polls, GET /api/orders/active; the header's cart count,
 * GET /api/cart/count): part of
 * a page view, so it draws on the pages' budget rather than the API's. Its refusal is still JSON.
 */
function isPagePart(pathname: string): boolean {
  return /^\/api\/(restaurants\/[^/]+\/visitor|orders\/(?:[^/]+\/status|active)|cart\/(?:guest|count))$/.test(pathname);
}

/**
 * The budget a request draws on: its policy's, except a page that runs a search (the API's) and an
 * API route that is part of a page view (the pages'). Its refusal still follows its policy.
 */
export function budgetFor(policy: 'api' | 'page', url: URL): 'api' | 'page' {
  if (policy === 'page') return carriesSearch(url) ? 'api' : 'page';
  return isPagePart(url.pathname) ? 'page' : 'api';
}

/**
 * Next's image optimizer fetches a local photo (`/_next/image?url=/media/<name>`) by routing
 * `/media/<name>` inside the server, through proxy.ts, with none of the visitor's headers: its address
 * is the socket's, which behind a trusted proxy is the proxy's own. So every visitor's photos drew on
 * one budget, the proxy's: a few addresses asking for photos the optimizer had not made yet spent it,
 * and the photos of everyone else were 429s (attack review); facing clients, each photo counted twice.
 * The visitor's own `/_next/image` request was limited already. Under scripts/serve.mjs every request
 * from outside carries the id it tags each one with (a client's own is replaced), so a photo fetch
 * without it is the optimizer's; elsewhere none is told apart, and each is counted as before.
 */
function isOptimizerFetch(pathname: string, env: Env, headers: Headers): boolean {
  return env.THALI_SERVED_BY === 'serve.mjs' && !headers.has(REQUEST_ID_HEADER) && isMediaPath(pathname);
}

/**
 * Which proxy policy a request falls under, or null when it is exempt. The benchmark's exemptions
 * also need the client to be on this machine (a loopback address, as the benches connect), so even a
 * deployment started with ENABLE_BENCH_ROUTES by mistake exempts nobody on the internet.
 */
export function proxyPolicyFor(pathname: string, env: Env = getEnv(), headers?: Headers): 'api' | 'page' | null {
  if ((EXEMPT_PATHS as readonly string[]).includes(pathname)) return null;
  if (headers && isOptimizerFetch(pathname, env, headers)) return null;
  const benchExempt = pathname.startsWith(BENCH_PATH_PREFIX) || headers?.get(BENCH_EXEMPT_HEADER) === '1';
  if (env.ENABLE_BENCH_ROUTES && benchExempt && headers && isLoopbackClient(clientIdentity(headers, trustedProxies(env)))) return null;
  return isApiPath(pathname) ? 'api' : 'page';
}
