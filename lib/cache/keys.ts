import { createHash } from 'node:crypto';

import { getEnv } from '@/lib/env';
import { escapeGlob } from '@/lib/redis/glob';

/**
 * Every Redis key the app uses is built here, with its lifetime beside it.
 *
 * - Colon-separated and versioned (`menu:v1:…`): bump the version when a value's shape changes and old
 *   entries simply stop being read, then expire.
 * - The per-entity part sits in a hash tag (`{…}`) so keys that a future script touches together
 *   (an entry and its generation marker, say) land in one Redis Cluster slot.
 * - REDIS_KEY_PREFIX namespaces everything, so a preview and a production deployment can share one
 *   Upstash database.
 */

const SECOND = 1000;

export const CACHE_NAMESPACES = ['cities', 'city', 'menu', 'search'] as const;
/** Namespaces that are not cache: shown as counts only, never values, and never purged from the admin. */
export const PRIVATE_NAMESPACES = [
  'session',
  'admin',
  'otp',
  'sms',
  'outbox',
  'cart',
  'rl',
  'queue',
  'views',
  'trending',
  'stats',
  'fav',
] as const;
export type CacheNamespace = (typeof CACHE_NAMESPACES)[number];
export type PrivateNamespace = (typeof PRIVATE_NAMESPACES)[number];

/** REDIS_KEY_PREFIX: every concern's key builders (lib/<concern>/keys.ts) start with it. */
export function prefix(): string {
  return getEnv().REDIS_KEY_PREFIX ?? '';
}

/** Cache lifetimes. A little jitter is added per write (see withJitter) so keys don't expire together. */
export function cacheTtlMs(): number {
  return getEnv().CACHE_TTL_SECONDS * SECOND;
}

/** Up to +10% of the TTL, so entries written in the same second spread their expiry. */
export function withJitter(ttlMs: number, random: () => number = Math.random): number {
  return ttlMs + Math.floor(random() * ttlMs * 0.1);
}

/**
 * Every cache entry has a generation key beside it (same hash tag, so one MGET reads both): a random
 * token that writers replace after each commit. An entry only counts while it carries the current
 * token (see read-through.ts). The menus' generation keys have no TTL, so `volatile-*` eviction never
 * drops one (a customer's favourites token expires: see FAVOURITES_GENERATION_TTL_MS).
 */
export function generationKey(entryKey: string): string {
  return `${generationOwner(entryKey)}:gen`;
}

/**
 * The entry key whose generation an entry follows: itself, except a city's search results, which all
 * follow one per city (`search:v1:{<city>}`, never itself stored), so one rotation after a save makes
 * every cached search of that city stale, however many different searches there were.
 */
export function generationOwner(entryKey: string): string {
  const own = prefix();
  const match = entryKey.startsWith(own) ? SEARCH_RESULTS_KEY.exec(entryKey.slice(own.length)) : null;
  return match ? `${own}${match[1]}` : entryKey;
}

export function isGenerationKey(key: string): boolean {
  return key.endsWith(':gen');
}

/**
 * Admin sessions: an idle lifetime that each use extends (SESSION_TTL_HOURS, 8 h by default), and
 * an absolute cap after sign-in that no amount of use extends, so a stolen cookie can't live forever.
 */
export function sessionTtlMs(): number {
  return getEnv().SESSION_TTL_HOURS * 3_600 * SECOND;
}
export const SESSION_MAX_AGE_MS = 7 * 24 * 3_600 * SECOND;

/**
 * Search results (lib/search) live briefly: each distinct search is its own entry, so the TTL is what
 * bounds their number. Freshness comes from the city's generation, rotated after every save that
 * changes what a search shows, not from this TTL.
 */
export const SEARCH_TTL_MS = 60 * SECOND;

const SEARCH_RESULTS_KEY = /^(search:v1:\{[a-z0-9-]+\}):q:[A-Za-z0-9_-]+$/;

/** Whether a full key holds one search's results (an entry whose generation is its city's). */
export function isSearchResultsKey(key: string): boolean {
  return generationOwner(key) !== key;
}

/** A normalized search (lib/search/query.ts) as a fixed-length key part: no user text in key names. */
function searchDigest(normalizedQuery: string): string {
  return createHash('sha256').update(normalizedQuery).digest('base64url').slice(0, 22);
}

export const keys = {
  /** JSON array of CitySummary. */
  cities: () => `${prefix()}cities:v1:{all}`,
  /** JSON CityRestaurants for one city. */
  cityRestaurants: (citySlug: string) => `${prefix()}city:v2:{${citySlug}}:restaurants`,
  /** JSON RestaurantMenu for one restaurant. */
  restaurantMenu: (restaurantSlug: string) => `${prefix()}menu:v2:restaurant:{${restaurantSlug}}`,
  /**
   * A city's search results as one invalidation target: never stored itself, its generation
   * (`…:gen`) is the one every search of the city follows (generationOwner). Saves list this key.
   */
  citySearch: (citySlug: string) => `${prefix()}search:v1:{${citySlug}}`,
  /** JSON SearchResults for one normalized search in one city. */
  citySearchResults: (citySlug: string, normalizedQuery: string) =>
    `${prefix()}search:v1:{${citySlug}}:q:${searchDigest(normalizedQuery)}`,
  /** Hash of shared hit/miss counters per cache namespace (fields `<namespace>:hit`, …). */
  cacheStats: () => `${prefix()}stats:v1:cache`,
  /**
   * JSON session record (lib/auth/sessions.ts), keyed by the SHA-256 of the cookie's id so that
   * nothing that lists keys ever shows a usable token.
   */
  session: (idHash: string) => `${prefix()}session:${idHash}`,
  /** SCAN pattern for every key of one cache namespace. */
  namespacePattern: (namespace: CacheNamespace) => `${prefix()}${namespace}:*`,
  /** SCAN pattern for every key of this deployment, all namespaces (the admin counts them in one pass). */
  deploymentPattern: () => `${escapeGlob(prefix())}*`,
} as const;

/** A key's first segment after REDIS_KEY_PREFIX (its namespace); undefined for a key without this prefix. */
export function segmentOf(key: string): string | undefined {
  const ours = prefix();
  if (!key.startsWith(ours)) return undefined;
  const bare = key.slice(ours.length);
  const end = bare.indexOf(':');
  return end > 0 ? bare.slice(0, end) : undefined;
}

/** Which cache namespace a full key belongs to (for per-namespace hit/miss counts). */
export function namespaceOf(key: string): CacheNamespace | undefined {
  const bare = key.slice(prefix().length);
  return CACHE_NAMESPACES.find((namespace) => bare.startsWith(`${namespace}:`));
}

// ─── Counters ──────────────────────────────────────────────────────────────────────────────────────
// Not cache: live counts that the flush (lib/counters/flush.ts) moves to Postgres. Every key of one
// restaurant carries its slug as the hash tag, so a live bucket, its flush keys and its in-flight
// marker set share a Redis Cluster slot (RENAME and MGET across them are legal there).

const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One counted view per visitor, restaurant and hour (SET NX PX): reloads and repeat visits count once. */
export const VIEW_DEDUPE_TTL_MS = HOUR;
/**
 * A safety net, not the lifecycle: the flush moves day buckets to Postgres every minute or so. A bucket
 * no flush ever reaches still outlives the 7-day window it is shown in, then stops using memory.
 */
export const VIEW_DAY_TTL_MS = 8 * DAY;
/** Trending reads the last 24 hourly buckets; the extra hour keeps the oldest alive until it leaves the window. */
export const TRENDING_HOUR_TTL_MS = 25 * HOUR;
/** How far back trending looks, in hourly buckets. */
export const TRENDING_WINDOW_HOURS = 24;
/**
 * The cached durable view totals (counterKeys.viewsDurable) live this long; every flush that commits
 * views of the restaurant replaces the entry's generation first, so they are never stale.
 */
export const VIEWS_DURABLE_TTL_MS = 10 * MINUTE;

const VIEWS_RESTAURANT = 'views:v1:restaurant:';
const COUNTER_KEY =
  /^views:v1:restaurant:\{([a-z0-9-]+)\}:(?:day:(\d{4}-\d{2}-\d{2})(?::flush:([A-Za-z0-9_-]+))?|(flushing))$/;

/** A views key found by SCAN: a live day bucket, a bucket being flushed, or a restaurant's in-flight marker set. */
export type CounterKey =
  | { kind: 'day'; slug: string; day: string }
  | { kind: 'flush'; slug: string; day: string; flushId: string }
  | { kind: 'flushing'; slug: string };

export const counterKeys = {
  /** Live view count of one restaurant on one day (INCR), `day` as YYYY-MM-DD in IST. */
  viewsDay: (slug: string, day: string) => `${prefix()}${VIEWS_RESTAURANT}{${slug}}:day:${day}`,
  /** A day bucket renamed away by one flush; never written again, only read and deleted. */
  viewsFlush: (slug: string, day: string, flushId: string) => `${counterKeys.viewsDay(slug, day)}:flush:${flushId}`,
  /** Set of `<day>:<flushId>` members naming this restaurant's flush keys, so readers find them without SCAN. */
  viewsFlushing: (slug: string) => `${prefix()}${VIEWS_RESTAURANT}{${slug}}:flushing`,
  /** Present for an hour after a visitor's counted view (SET NX PX). */
  viewSeen: (slug: string, visitorId: string) => `${prefix()}views:v1:seen:{${slug}}:${visitorId}`,
  /** Sorted set of restaurant slugs by views in one hour (ZINCRBY), `hour` as YYYYMMDDHH in IST. */
  trendingHour: (citySlug: string, hour: string) => `${prefix()}trending:v1:city:{${citySlug}}:hour:${hour}`,
  /**
   * JSON `{ generation, value }`: one restaurant's durable views per day (Postgres) and which of its flush
   * ids Postgres has applied, so the menu page reads its views without Postgres (lib/counters/read-views.ts).
   * Outside `views:v1:restaurant:`, so the flush's SCAN never meets it.
   */
  viewsDurable: (slug: string) => `${prefix()}views:v1:durable:{${slug}}`,
  /** SCAN pattern for every views key of every restaurant (buckets, flush keys, markers); see parseCounterKey. */
  viewsRestaurantPattern: () => `${escapeGlob(prefix())}${VIEWS_RESTAURANT}*`,
} as const;

/** Parses a full key (prefix included) from a SCAN of the views namespace; undefined for anything else. */
export function parseCounterKey(key: string): CounterKey | undefined {
  const own = prefix();
  if (!key.startsWith(own)) return undefined;
  const match = COUNTER_KEY.exec(key.slice(own.length));
  if (!match) return undefined;
  const [, slug, day, flushId, flushing] = match;
  if (flushing) return { kind: 'flushing', slug: slug! };
  if (flushId) return { kind: 'flush', slug: slug!, day: day!, flushId };
  return { kind: 'day', slug: slug!, day: day! };
}

// ─── Rate limits ───────────────────────────────────────────────────────────────────────────────────
// Policies live in lib/ratelimit/policies.ts. @upstash/ratelimit appends `:<subject>:<window>` to a
// limiter prefix and its sliding-window script touches two windows at once, so the subject is a hash
// tag: both windows share a Redis Cluster slot. Emails and phone numbers are stored as a digest, so
// a key listing never shows them and a brace in the input can't break the tag.

/** The part of a policy's key after REDIS_KEY_PREFIX, e.g. `rl:api:ip`. */
export type RateLimitKeyPrefix = `rl:${string}`;

const IP_LIKE = /^[0-9a-f]*[.:][0-9a-f.:/]*$/i;

/**
 * A limiter or cooldown subject, wrapped in a hash tag: IP addresses (and IPv6 /64 prefixes) as they
 * are, any other part (an email, a phone number) as a SHA-256 digest.
 */
export function rateLimitSubject(...parts: readonly string[]): string {
  const shown = parts.map((part) =>
    IP_LIKE.test(part) ? part : createHash('sha256').update(part).digest('base64url').slice(0, 22),
  );
  return `{${shown.join(':')}}`;
}

export const rateLimitKeys = {
  /** Ratelimit's `prefix` option for one limiter policy. */
  limiterPrefix: (policyPrefix: RateLimitKeyPrefix) => `${prefix()}${policyPrefix}`,
  /** Failure counter of one cooldown subject (INCR, PEXPIRE on the first failure). */
  cooldownCount: (policyPrefix: RateLimitKeyPrefix, subject: string) => `${prefix()}${policyPrefix}:${subject}:count`,
  /** Present (SET … PX) while one cooldown subject is blocked. */
  cooldownBlock: (policyPrefix: RateLimitKeyPrefix, subject: string) => `${prefix()}${policyPrefix}:${subject}:block`,
  /** SCAN pattern for every rate-limit key of this deployment. */
  pattern: () => `${escapeGlob(prefix())}rl:*`,
} as const;

// ─── Job queue ─────────────────────────────────────────────────────────────────────────────────────
// lib/queue (process.ts lists the steps). Every key of one queue carries the queue's name as its hash
// tag, so its lists, sorted sets and job hashes share a Redis Cluster slot (LMOVE between them is legal
// there). The nudge and recurring-slot keys stand alone (one key per command).

/**
 * How long a "done" marker named by an idempotency key lives: a job enqueued again under that key
 * (a reconciler, a retry of a whole flow) within this time is skipped.
 */
export const QUEUE_DONE_TTL_MS = 7 * DAY;
/**
 * A marker named by the job's own id only covers a redelivery of that job (a crash between the
 * handler and the ack), which the reaper makes within a visibility timeout: a day is ample, and keeps
 * the markers of frequent recurring jobs from piling up for a week.
 */
export const QUEUE_JOB_DONE_TTL_MS = DAY;
/** A dead-lettered job's hash is kept this long for the admin to retry or discard it. */
export const QUEUE_DEAD_TTL_MS = 30 * DAY;
/** At most one after-response nudge drain (lib/queue/api.ts) per this long, across instances. */
export const QUEUE_NUDGE_INTERVAL_MS = SECOND;
/**
 * A recurring job's slot marker outlives its slot by one more period, so an instance whose clock
 * lags a little behind still finds the marker and does not enqueue that slot again.
 */
export function queueRecurringSlotTtlMs(everyMs: number): number {
  return 2 * everyMs;
}

export const queueKeys = {
  /** List of job ids waiting to run: LPUSH on enqueue, claimed from the right (FIFO). */
  ready: (queue: string) => `${prefix()}queue:v1:{${queue}}:ready`,
  /** List of job ids a worker has claimed (LMOVE from ready) and not yet acknowledged. */
  processing: (queue: string) => `${prefix()}queue:v1:{${queue}}:processing`,
  /** Sorted set: claimed job id → lease deadline (ms); the reaper returns expired ones to ready. */
  leases: (queue: string) => `${prefix()}queue:v1:{${queue}}:leases`,
  /** Sorted set: job id → when it is due (ms): a delayed enqueue or a retry; promoted to ready once due. */
  delayed: (queue: string) => `${prefix()}queue:v1:{${queue}}:delayed`,
  /** List of job ids that failed QUEUE_MAX_ATTEMPTS times, newest first. */
  dead: (queue: string) => `${prefix()}queue:v1:{${queue}}:dead`,
  /** Hash of one job: type, payload (JSON), attempts, enqueuedAt, lastError… */
  job: (queue: string, id: string) => `${prefix()}queue:v1:{${queue}}:job:${id}`,
  /** Present once a job's effect (per idempotency key, or job id) has happened (SET NX PX). */
  done: (queue: string, idempotencyKey: string) => `${prefix()}queue:v1:{${queue}}:done:${idempotencyKey}`,
  /** Short lock (SET NX PX) so one process at a time reaps leases and moves due retries. */
  maintenance: (queue: string) => `${prefix()}queue:v1:{${queue}}:maintenance`,
  /** Present for QUEUE_NUDGE_INTERVAL_MS after a nudge drain started (SET NX PX). */
  nudge: () => `${prefix()}queue:v1:nudge`,
  /** Present once recurring job `name` was enqueued for period number `slot` (SET NX PX, queueRecurringSlotTtlMs). */
  recurringSlot: (name: string, slot: number) => `${prefix()}queue:v1:recurring:${name}:${slot}`,
} as const;

// ─── Customers ─────────────────────────────────────────────────────────────────────────────────────
// Not cache. An OTP and its resend cooldown share the phone number as a hash tag (one Cluster slot).

/** A sign-in code lives this long (the hash below). */
export const OTP_TTL_MS = 3 * MINUTE;
/** No new code for one number within this long of the last one (SET NX PX). */
export const OTP_RESEND_COOLDOWN_MS = 30 * SECOND;
/** The send counter of one IST day outlives it a little, so the day's last INCR still finds it. */
export const SMS_DAY_TTL_MS = 2 * DAY;
/** Demo outbox messages: kept for a day after the newest, and only the newest are ever read. */
export const OUTBOX_TTL_MS = DAY;
/** A cart lives this long after its last change. */
export const CART_TTL_MS = DAY;

// ─── Admins ────────────────────────────────────────────────────────────────────────────────────────
// lib/auth/revocation.ts. Not cache of anything shown: the gate every admin session passes.

/**
 * How long Redis keeps an admin's session epoch before it is read from Postgres again: at most one
 * Postgres read per admin per this long, and the longest a revocation Redis missed can go unseen.
 */
export const ADMIN_EPOCH_TTL_MS = MINUTE;

export const adminKeys = {
  /** The admin's current session epoch (admins.session_epoch), or `gone` once deleted. */
  epoch: (adminId: number) => `${prefix()}admin:v1:{${adminId}}:epoch`,
} as const;

export const customerKeys = {
  /**
   * Hash `{ hmac, attempts }` of the pending code for one number (normalised, e.g. 919876543210) asked
   * for by one browser (its device id, lib/customers/device.ts): other browsers can't reach it.
   */
  otp: (phone: string, deviceId: string) => `${prefix()}otp:{${phone}}:device:${deviceId}`,
  /** Present while that browser must wait before asking this number a new code (SET NX PX OTP_RESEND_COOLDOWN_MS). */
  otpCooldown: (phone: string, deviceId: string) => `${prefix()}otp:{${phone}}:cooldown:${deviceId}`,
  /** Texts sent on one IST day, all instances together (INCR), `day` as YYYY-MM-DD. */
  smsSentDay: (day: string) => `${prefix()}sms:v1:sent:${day}`,
  /** List of JSON outbox messages, newest first (LPUSH), shown at /dev/outbox. */
  outbox: () => `${prefix()}outbox:v1:messages`,
  /** Hash of one session's cart: `restaurant` → restaurant slug, `item:<slug>:<id>` → quantity (lib/cart/cart.ts). */
  cart: (sessionHash: string) => `${prefix()}cart:v2:{${sessionHash}}`,
} as const;

// ─── Favourites ────────────────────────────────────────────────────────────────────────────────────
// lib/favourites/cache.ts. A cache of each customer's favourite restaurants (Postgres holds them),
// through lib/cache/read-through as the menus are, so an empty list is just `[]` and a stale refill is
// never served. Private, since a list says what one customer likes. The customer's id is
// the hash tag, so one MGET reads the entry and its generation on a Redis Cluster too.

/**
 * Short on purpose: it is also how long a list can stay stale when Redis missed the invalidation
 * after a change (Postgres has the change; the next refill shows it).
 */
export const FAVOURITES_TTL_MS = 10 * MINUTE;
/**
 * Per customer, so it expires, unlike the menus' generation keys. Far longer than any refill takes:
 * a token replaced after a change must outlive every refill that began before the change.
 */
export const FAVOURITES_GENERATION_TTL_MS = HOUR;

/**
 * A restaurant's cached favourite count lives this long at most: each favourite change replaces its
 * generation after the commit, so this only bounds how long a missed invalidation can show an old count.
 */
export const FAVOURITE_COUNT_TTL_MS = MINUTE;

export const favouriteKeys = {
  /** JSON `{ generation, value }`: the slugs of the restaurants one customer favourited. */
  customer: (customerId: number) => `${prefix()}fav:v1:customer:{${customerId}}`,
  /** That entry's generation token, replaced after every change to the customer's favourites. */
  customerGeneration: (customerId: number) => generationKey(favouriteKeys.customer(customerId)),
  /** JSON `{ generation, value }`: how many customers favourited a restaurant (the menu page's heart), from Postgres. */
  restaurantCount: (slug: string) => `${prefix()}fav:v1:restaurant:{${slug}}:count`,
} as const;
