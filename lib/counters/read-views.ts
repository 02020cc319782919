import 'server-only';

import { getDb } from '@/db/client';
import { log } from '@/lib/log';
import { guardedRedis } from '@/lib/redis/guard';

import { lastDays, WEEK_DAYS } from './buckets';
import { durableViews } from './durable';
import { readLiveViews, unflushedViews } from './live';

/**
 * Views of one restaurant over the last 7 IST days: Postgres's durable totals plus what Redis holds
 * that is not flushed yet. Without Redis the durable totals alone answer (at most one flush interval
 * behind); without Postgres there is no number (null) and the page simply leaves the line out.
 *
 * Redis is read before Postgres. A flush that renames and commits between the two reads can make
 * one answer count a batch twice, for a moment; the other order would hide it for a moment. Either
 * way the next read is exact, and a flush that crashed mid-way is counted once (see live.ts).
 */
export async function readWeeklyViews(slug: string, now: Date = new Date()): Promise<number | null> {
  const days = lastDays(now, WEEK_DAYS);
  const live = await guardedRedis('views', (redis) => readLiveViews(redis, slug, days));
  try {
    const db = getDb();
    const [durable, unflushed] = await Promise.all([
      durableViews(db, slug, days[0]!, days.at(-1)!),
      live.ok ? unflushedViews(db, live.value) : 0,
    ]);
    return durable + unflushed;
  } catch (error) {
    log.warn('weekly views unavailable', { slug, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
