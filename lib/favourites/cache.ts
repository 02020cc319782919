import 'server-only';

import { getDb } from '@/db/client';
import { FAVOURITES_GENERATION_TTL_MS, FAVOURITES_TTL_MS, favouriteKeys } from '@/lib/cache/keys';
import { newGenerationToken } from '@/lib/cache/read-through';
import type { CacheStatus } from '@/lib/cache/types';
import { log } from '@/lib/log';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { loadFavouriteSlugs } from './postgres';

/**
 * A cache of each customer's favourites (restaurant slugs), with the menus' protection against stale
 * refills (docs/decisions/004): the entry is JSON `{ generation, value }` and counts only while its
 * generation is the one stored beside it, both read in one MGET. Every change replaces the token
 * after its commit, so a refill that loaded Postgres before the commit is stored under the old token
 * and never served.
 *
 * Why not patch a Redis set with SADD/SREM after each commit: two changes by one customer (two tabs, a
 * replay) commit in one order and may reach Redis in the other, leaving the set wrong until it expires.
 * A whole-list entry also makes "no favourites" plain `[]`, where an empty Redis set cannot exist.
 *
 * Why not lib/cache/read-through: its generation keys never expire, right for a bounded set of menus
 * but not for one key per customer. Here generations expire too (FAVOURITES_GENERATION_TTL_MS): a
 * missing one is claimed with SET NX, so a refill that began before a change can't claim a token
 * after it, and tokens are random, so no old entry ever matches a new one.
 *
 * Every Redis step is guarded: on failure or timeout the list comes from Postgres.
 */

interface Entry {
  generation: string;
  value: string[];
}

export interface FavouriteSlugs {
  slugs: string[];
  status: CacheStatus;
  /** Redis could not be read: the list came from Postgres and was not stored. */
  degraded: boolean;
}

export async function readFavouriteSlugs(customerId: number, store?: RedisStore): Promise<FavouriteSlugs> {
  const key = favouriteKeys.customer(customerId);
  const generationKey = favouriteKeys.customerGeneration(customerId);
  const read = await guardedRedis('favourites.read', (redis) => redis.mget([generationKey, key]), store);
  const [generation = null, raw = null] = read.ok ? read.value : [];

  if (generation !== null && raw !== null) {
    const entry = parseEntry(raw);
    if (entry?.generation === generation) return { slugs: entry.value, status: 'HIT', degraded: false };
    if (!entry) log.warn('replacing an unreadable favourites entry');
  }

  const slugs = await loadFavouriteSlugs(getDb(), customerId);
  if (read.ok) {
    // The token read before the load; with none, claim one only if no change set one meanwhile.
    const token = generation ?? (await claimGeneration(generationKey, store));
    if (token !== null) {
      const entry: Entry = { generation: token, value: slugs };
      await guardedRedis('favourites.fill', (redis) => redis.set(key, JSON.stringify(entry), { px: FAVOURITES_TTL_MS }), store);
    }
  }
  return { slugs, status: 'MISS', degraded: !read.ok };
}

/**
 * Runs after a change commits: a new token makes any entry loaded before the commit unservable;
 * deleting the entry only frees memory early. False when Redis could not be reached: the entry may
 * then be stale until FAVOURITES_TTL_MS.
 */
export async function invalidateFavourites(customerId: number, store?: RedisStore): Promise<boolean> {
  const result = await guardedRedis(
    'favourites.invalidate',
    async (redis) => {
      await redis.set(favouriteKeys.customerGeneration(customerId), newGenerationToken(), { px: FAVOURITES_GENERATION_TTL_MS });
      await redis.del([favouriteKeys.customer(customerId)]);
    },
    store,
    { bypassBreaker: true },
  );
  return result.ok;
}

async function claimGeneration(generationKey: string, store: RedisStore | undefined): Promise<string | null> {
  const token = newGenerationToken();
  const claimed = await guardedRedis(
    'favourites.fill',
    (redis) => redis.set(generationKey, token, { nx: true, px: FAVOURITES_GENERATION_TTL_MS }),
    store,
  );
  return claimed.ok && claimed.value ? token : null;
}

function parseEntry(raw: string): Entry | null {
  try {
    const parsed = JSON.parse(raw) as Partial<Entry>;
    const valid =
      typeof parsed.generation === 'string' &&
      Array.isArray(parsed.value) &&
      parsed.value.every((slug) => typeof slug === 'string');
    return valid ? (parsed as Entry) : null;
  } catch {
    return null;
  }
}
