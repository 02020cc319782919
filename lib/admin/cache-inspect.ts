import 'server-only';

import {
  CACHE_NAMESPACES,
  type CacheNamespace,
  isGenerationKey,
  isSearchResultsKey,
  keys,
} from '@/lib/cache/keys';
import { getEnv, redisBackend, type RedisBackendChoice } from '@/lib/env';
import { escapeGlob } from '@/lib/redis/glob';
import { guardedRedis } from '@/lib/redis/guard';
import { deploymentPattern, segmentOf } from '@/lib/redis/keys';
import type { RedisStore, RedisType } from '@/lib/redis/types';

/** The other concerns' namespaces (their lib/<concern>/keys.ts), not cache: shown as counts only, never values, and never purged from the admin. */
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
  'page',
] as const;
export type PrivateNamespace = (typeof PRIVATE_NAMESPACES)[number];

/**
 * What the admin's cache page may see of Redis. Always SCAN, a page at a time, never KEYS (which
 * blocks the server while it walks the whole keyspace). Only cache namespaces are listed key by key;
 * every other namespace (sessions, OTPs, rate limits, queues, counters) is a number, because a key
 * name there can carry a token or a visitor's identity. No value is ever read.
 */

export type RedisUnavailable = { ok: false; reason: 'skipped' | 'failed' };

/** An entry is read by the app (and purged by rotating its generation); a generation key is never deleted. */
export type KeyRole = 'entry' | 'generation' | 'other';

export interface KeyInfo {
  key: string;
  type: Exclude<RedisType, 'none'>;
  /** Remaining lifetime; null when the key has no expiry. */
  ttlMs: number | null;
  /** STRLEN for a string, HLEN / LLEN / SCARD / ZCARD for the others. */
  size: number;
  role: KeyRole;
}

export interface KeyPage {
  ok: true;
  /** Where the next page starts; "0" when the namespace has been walked to the end. */
  cursor: string;
  keys: KeyInfo[];
}

export type ScanTarget = { namespace: CacheNamespace; contains?: string } | { pattern: string };

export class NotACacheKeyError extends Error {
  override name = 'NotACacheKeyError';
}

const CURSOR = /^\d{1,20}$/;
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
/** SCAN steps one page may take: a sparse namespace in a big keyspace yields few keys per step. */
const MAX_STEPS_PER_PAGE = 40;

/** Which Redis this is, for the page header (no host, no credentials). */
export function storeInfo(): { backend: RedisBackendChoice; keyPrefix: string } {
  return { backend: redisBackend(), keyPrefix: getEnv().REDIS_KEY_PREFIX ?? '' };
}

export function isCacheNamespace(value: unknown): value is CacheNamespace {
  return (CACHE_NAMESPACES as readonly unknown[]).includes(value);
}

export function isScanCursor(value: unknown): value is string {
  return typeof value === 'string' && CURSOR.test(value);
}

/** The cache namespace a full key (prefix included) belongs to, or undefined for any other key. */
export function cacheNamespaceOfKey(key: string): CacheNamespace | undefined {
  const segment = segmentOf(key);
  return isCacheNamespace(segment) ? segment : undefined;
}

/** Whether the app itself reads this key through read-through.ts (so it has a generation beside it). */
export function isEntryKey(key: string): boolean {
  if (key === keys.cities() || isSearchResultsKey(key)) return true;
  const tag = /\{([^{}]*)\}/.exec(key)?.[1];
  return tag !== undefined && (key === keys.cityRestaurants(tag) || key === keys.restaurantMenu(tag));
}

export function roleOf(key: string): KeyRole {
  if (isGenerationKey(key)) return 'generation';
  return isEntryKey(key) ? 'entry' : 'other';
}

/**
 * The MATCH pattern for a target. A raw pattern must start with `<prefix><cache namespace>:` as
 * literal text (the prefix and namespace names hold no glob characters), so whatever follows, it
 * can only match keys inside that namespace.
 */
export function scanPattern(target: ScanTarget): string {
  if ('pattern' in target) {
    const inside = CACHE_NAMESPACES.some((namespace) => target.pattern.startsWith(keys.namespacePattern(namespace).slice(0, -1)));
    if (!inside) throw new NotACacheKeyError('Only keys of a cache namespace can be listed');
    return target.pattern;
  }
  if (!isCacheNamespace(target.namespace)) throw new NotACacheKeyError('Only cache namespaces can be listed');
  const contains = target.contains?.trim();
  return contains ? `${keys.namespacePattern(target.namespace)}${escapeGlob(contains)}*` : keys.namespacePattern(target.namespace);
}

async function sizeOf(redis: RedisStore, key: string, type: Exclude<RedisType, 'none'>): Promise<number> {
  switch (type) {
    case 'string':
      return redis.strlen(key);
    case 'hash':
      return redis.hlen(key);
    case 'list':
      return redis.llen(key);
    case 'set':
      return redis.scard(key);
    case 'zset':
      return redis.zcard(key);
  }
}

/** TYPE, PTTL and the size of one key; null when it vanished since SCAN saw it. */
async function describeKey(redis: RedisStore, key: string): Promise<KeyInfo | null> {
  const [type, pttl] = await Promise.all([redis.type(key), redis.pttl(key)]);
  if (type === 'none' || pttl === -2) return null;
  return { key, type, ttlMs: pttl >= 0 ? pttl : null, size: await sizeOf(redis, key, type), role: roleOf(key) };
}

/**
 * One page of a cache namespace's keys with their type, TTL and size. A page is as many SCAN steps
 * as it takes to gather about `count` keys (bounded), so a sparse namespace doesn't show empty
 * pages; pass the returned cursor back for the next page.
 */
export async function scanKeys(target: ScanTarget & { cursor?: string; count?: number }): Promise<KeyPage | RedisUnavailable> {
  const match = scanPattern(target);
  const count = Math.min(Math.max(1, Math.floor(target.count ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  let cursor = target.cursor ?? '0';
  if (!isScanCursor(cursor)) throw new RangeError('A SCAN cursor is a decimal number');

  const found = new Set<string>();
  for (let steps = 0; steps < MAX_STEPS_PER_PAGE; steps++) {
    const step = await guardedRedis('scan', (redis) => redis.scan(cursor, { match, count }));
    if (!step.ok) return step;
    step.value.keys.forEach((key) => found.add(key));
    cursor = step.value.cursor;
    if (cursor === '0' || found.size >= count) break;
  }

  const described = await Promise.all([...found].map((key) => guardedRedis('inspect', (redis) => describeKey(redis, key))));
  const infos: KeyInfo[] = [];
  for (const result of described) {
    if (!result.ok) return result;
    if (result.value) infos.push(result.value);
  }
  infos.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ok: true, cursor, keys: infos };
}

export interface CacheNamespaceCount {
  namespace: CacheNamespace;
  entries: number;
  generations: number;
  /** Keys in the namespace the app no longer reads (an older key version, say). */
  other: number;
}

export interface KeyCounts {
  ok: true;
  cache: CacheNamespaceCount[];
  private: { namespace: PrivateNamespace; keys: number }[];
  /** Keys under this deployment's prefix in no known namespace. */
  unknown: number;
  /** False when the bound (steps or time) stopped the count: every number is then a lower bound. */
  complete: boolean;
}

/**
 * Counts every key of this deployment per namespace in one bounded SCAN pass. Key names pass through
 * here only to be classified and deduplicated (SCAN may return a key twice), then are dropped: the
 * result holds numbers only.
 */
export async function countKeys(options: { maxSteps?: number; budgetMs?: number; count?: number } = {}): Promise<KeyCounts | RedisUnavailable> {
  const { maxSteps = 200, budgetMs = 2_000, count = 1_000 } = options;
  const started = performance.now();
  const seen = new Set<string>();
  const match = deploymentPattern();
  let cursor = '0';
  let steps = 0;
  do {
    const step = await guardedRedis('scan', (redis) => redis.scan(cursor, { match, count }));
    if (!step.ok) return step;
    step.value.keys.forEach((key) => seen.add(key));
    cursor = step.value.cursor;
    steps += 1;
  } while (cursor !== '0' && steps < maxSteps && performance.now() - started < budgetMs);

  const cache = new Map(CACHE_NAMESPACES.map((namespace) => [namespace, { namespace, entries: 0, generations: 0, other: 0 }]));
  const privateCounts = new Map<string, number>(PRIVATE_NAMESPACES.map((namespace) => [namespace, 0]));
  let unknown = 0;
  for (const key of seen) {
    const segment = segmentOf(key);
    const counted = isCacheNamespace(segment) ? cache.get(segment) : undefined;
    if (counted) {
      const role = roleOf(key);
      if (role === 'entry') counted.entries += 1;
      else if (role === 'generation') counted.generations += 1;
      else counted.other += 1;
    } else if (segment !== undefined && privateCounts.has(segment)) {
      privateCounts.set(segment, privateCounts.get(segment)! + 1);
    } else {
      unknown += 1;
    }
  }
  seen.clear();

  return {
    ok: true,
    cache: [...cache.values()],
    private: PRIVATE_NAMESPACES.map((namespace) => ({ namespace, keys: privateCounts.get(namespace) ?? 0 })),
    unknown,
    complete: cursor === '0',
  };
}
