import 'server-only';

import { counterKeys, TRENDING_HOUR_TTL_MS, VIEW_DAY_TTL_MS, VIEW_DEDUPE_TTL_MS } from './keys';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { dayOf, hourOf } from './buckets';
import { figureKeys } from './keys';
import { invalidateWeekFigure } from './week-figure';

export type ViewOutcome = 'counted' | 'duplicate' | 'rate-limited' | 'unavailable';

export interface ViewToRecord {
  restaurantSlug: string;
  citySlug: string;
  visitorId: string;
  now?: Date;
  /**
   * The budget a view spends when it would count (the route's `views:counted`): asked only once the
   * dedupe is claimed, so duplicates spend nothing; `false` refuses the view.
   */
  budget?: () => Promise<boolean>;
}

/**
 * Counts one view in the shared Redis, where every instance's INCR lands on the same key. Best
 * effort: a Redis that is down or slow costs the count, never the request.
 *
 * The dedupe key is claimed first, so a reload storm from one visitor counts once an hour, and only
 * then is the budget spent: a visitor's reloads behind a NAT must not use up the views of everyone
 * else behind it. Claim, then spend: each step is atomic on its own (SET NX; the limiter's script),
 * so concurrent requests can't count more views than the budget, nor one visitor twice. A refused
 * view gives its claim back, so that visitor counts once the budget allows. If the counting step
 * then fails, that hour's view is lost rather than retried: a counter may undercount under failure,
 * it must never overcount.
 */
export async function recordView(view: ViewToRecord, store?: RedisStore): Promise<ViewOutcome> {
  const now = view.now ?? new Date();
  const seenKey = counterKeys.viewSeen(view.restaurantSlug, view.visitorId);
  const claimed = await guardedRedis(
    'views',
    (redis) => redis.set(seenKey, '1', { nx: true, px: VIEW_DEDUPE_TTL_MS }),
    store,
  );
  if (!claimed.ok) return 'unavailable';
  if (!claimed.value) return 'duplicate';
  if (view.budget && !(await view.budget())) {
    // Best effort: a claim that can't be given back only keeps this visitor out of the count for the hour.
    await guardedRedis('views', (redis) => redis.del([seenKey]), store);
    return 'rate-limited';
  }

  const dayKey = counterKeys.viewsDay(view.restaurantSlug, dayOf(now));
  const hourKey = counterKeys.trendingHour(view.citySlug, hourOf(now));
  const counted = await guardedRedis(
    'views',
    async (redis) => {
      await Promise.all([redis.incr(dayKey), redis.zincrby(hourKey, 1, view.restaurantSlug)]);
      // After the writes, which may have created the keys; refreshed on every view so one lost EXPIRE heals.
      // The version makes the city's trending snapshot stale (trending-cache.ts).
      await Promise.all([
        redis.pexpire(dayKey, VIEW_DAY_TTL_MS),
        redis.pexpire(hourKey, TRENDING_HOUR_TTL_MS),
        redis.incr(figureKeys.trendingVersion(view.citySlug)),
      ]);
    },
    store,
  );
  if (!counted.ok) return 'unavailable';
  // The cached weekly figure summed before this view: the next page view must sum again.
  await invalidateWeekFigure(view.restaurantSlug, store);
  return 'counted';
}
