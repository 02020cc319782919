import 'server-only';

import { invalidate } from '@/lib/cache/invalidate';
import { readThrough } from '@/lib/cache/read-through';
import type { RedisStore } from '@/lib/redis/types';

import { figureKeys, VIEWS_WEEK_TTL_MS } from './keys';
import { readWeeklyViews } from './read-views';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The menu page's "views this week": readWeeklyViews' sum (live day keys, flush keys, the cached
 * durable totals: three Redis commands), cached as one number so a page view reads it in one MGET.
 * Through lib/cache/read-through with a short TTL: every counted view replaces its generation
 * (invalidateWeekFigure), so a refill that summed before that view is never served, and the next page
 * view shows it. A flush moves views between the parts without changing the sum, so it leaves the
 * figure alone. Null (the page hides the line) when the sum can't be read.
 */
export async function readWeekFigure(slug: string): Promise<number | null> {
  const { value } = await readThrough({
    key: figureKeys.viewsWeek(slug),
    ttlMs: VIEWS_WEEK_TTL_MS,
    isValue: isCount,
    load: () => readWeeklyViews(slug),
  });
  return value;
}

/** After a counted view: the next page view sums again. */
export async function invalidateWeekFigure(slug: string, store?: RedisStore): Promise<boolean> {
  return (await invalidate([figureKeys.viewsWeek(slug)], store)).ok;
}
