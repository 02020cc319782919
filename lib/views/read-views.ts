import 'server-only';

import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { guardedRedis } from '@/lib/redis/guard';
import { valueWithin } from '@/lib/server/deadline';

import { lastDays, WEEK_DAYS } from './buckets';
import { readDurableViews } from './durable-cache';
import { readLiveViews } from './live';

/**
 * Views of one restaurant over the last 7 IST days: the durable totals (Postgres's, cached in Redis:
 * durable-cache.ts) plus what Redis holds that they don't yet (live day keys, and flush keys whose id
 * the cached totals don't count as applied). With the totals cached, a page view reads no Postgres
 * at all; when they must be loaded it waits at most OPTIONAL_READ_TIMEOUT_MS, and a Postgres that
 * can't answer by then leaves the line out (null) for this view (docs/decisions/014). Without Redis the
 * totals come from Postgres alone (at most one flush behind), within the same bound.
 *
 * Every view counted before this read is in the figure: live ones from Redis, flushed ones in the
 * totals, which a flush invalidates before it deletes what it moved. Redis is read before the totals;
 * a flush that commits between the two can make this one answer count a batch twice, for a moment.
 */
export async function readWeeklyViews(slug: string, now: Date = new Date()): Promise<number | null> {
  const days = lastDays(now, WEEK_DAYS);
  const live = await guardedRedis('views', (redis) => readLiveViews(redis, slug, days));
  let durable;
  try {
    durable = await valueWithin(readDurableViews(slug, days), getEnv().OPTIONAL_READ_TIMEOUT_MS);
  } catch (error) {
    log.warn('weekly views unavailable', { slug, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
  if (!durable) return null;
  const durableTotal = days.reduce((sum, day) => sum + (durable.days[day] ?? 0), 0);
  if (!live.ok) return durableTotal;
  const applied = new Set(durable.applied);
  const pending = live.value.pending.reduce((sum, entry) => (applied.has(entry.flushId) ? sum : sum + entry.views), 0);
  return durableTotal + live.value.live + pending;
}
