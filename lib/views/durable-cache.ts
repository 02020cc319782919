import 'server-only';

import { getDb } from '@/db/client';
import { counterKeys, VIEWS_DURABLE_TTL_MS } from './keys';
import { readThrough } from '@/lib/cache/read-through';
import { guardedRedis } from '@/lib/redis/guard';

import { appliedFlushIds, durableViewsByDay } from './durable';
import { parseFlushingMember } from './live';

/**
 * The Postgres half of a restaurant's views, cached in Redis so the menu page reads none of it from
 * Postgres (docs/decisions/021-bounded-waits-on-postgres.md): its durable views per day over the
 * week, and which of the flush ids then in its `:flushing` set Postgres had already applied (those
 * flush keys are in the totals; the others are not yet). Through lib/cache/read-through: the flush
 * replaces the entry's generation after each commit and before it deletes the flush keys it applied
 * (flush.ts), so a served entry never lacks views that Redis no longer holds.
 */
export interface DurableViews {
  days: Record<string, number>;
  applied: string[];
}

const isDurableViews = (value: unknown): value is DurableViews =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as DurableViews).days === 'object' &&
  Array.isArray((value as DurableViews).applied);

/** Days: the week the page shows (the entry outlives midnight: a new day simply has no durable views yet). */
export async function readDurableViews(slug: string, days: readonly string[]): Promise<DurableViews | null> {
  const { value } = await readThrough({
    key: counterKeys.viewsDurable(slug),
    ttlMs: VIEWS_DURABLE_TTL_MS,
    isValue: isDurableViews,
    load: async () => {
      // The flushing set before Postgres: a flush id marked after this read is not in the totals below.
      const members = await guardedRedis('smembers', (redis) => redis.smembers(counterKeys.viewsFlushing(slug)));
      const flushIds = (members.ok ? members.value : []).flatMap((member) => parseFlushingMember(member)?.flushId ?? []);
      const db = getDb();
      const [byDay, applied] = await Promise.all([durableViewsByDay(db, slug, days[0]!, days.at(-1)!), appliedFlushIds(db, flushIds)]);
      return { days: byDay, applied: [...applied] };
    },
  });
  return value;
}
