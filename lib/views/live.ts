import 'server-only';

import { type CounterKey, counterKeys, parseCounterKey } from './keys';
import type { RedisStore } from '@/lib/redis/types';


/**
 * Reading what Redis holds that Postgres may not have yet: live day buckets, plus flush keys a flush
 * has renamed but not yet deleted (one that crashed leaves them until the next run). A flush key
 * whose id Postgres already applied is already in the durable totals and must not count twice.
 */

/** Counts found in Redis: `live` from day buckets, `pending` from flush keys not known to be applied. */
export interface LiveViews {
  live: number;
  pending: { flushId: string; views: number }[];
}

/** Members of a restaurant's flushing set are `<day>:<flushId>`. */
export function flushingMember(day: string, flushId: string): string {
  return `${day}:${flushId}`;
}

export function parseFlushingMember(member: string): { day: string; flushId: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}):([A-Za-z0-9_-]+)$/.exec(member);
  return match ? { day: match[1]!, flushId: match[2]! } : undefined;
}

/** A stored counter as a number; anything unreadable counts as nothing. */
export const asCount = (value: string | null): number => {
  const count = Number(value ?? 0);
  return Number.isSafeInteger(count) && count > 0 ? count : 0;
};

/** One restaurant's views in Redis over these days: two round trips at most, one when nothing is mid-flush. */
export async function readLiveViews(redis: RedisStore, slug: string, days: readonly string[]): Promise<LiveViews> {
  const [values, members] = await Promise.all([
    redis.mget(days.map((day) => counterKeys.viewsDay(slug, day))),
    redis.smembers(counterKeys.viewsFlushing(slug)),
  ]);
  const window = new Set(days);
  const inFlight = members.flatMap((member) => {
    const parsed = parseFlushingMember(member);
    return parsed && window.has(parsed.day) ? [parsed] : [];
  });
  const flushValues =
    inFlight.length === 0
      ? []
      : await redis.mget(inFlight.map(({ day, flushId }) => counterKeys.viewsFlush(slug, day, flushId)));
  return {
    live: values.reduce((sum, value) => sum + asCount(value), 0),
    pending: inFlight
      .map(({ flushId }, index) => ({ flushId, views: asCount(flushValues[index] ?? null) }))
      .filter((entry) => entry.views > 0),
  };
}

/** One SCAN step over every views key of every restaurant, parsed; foreign keys are dropped. */
export async function scanCounterKeys(
  redis: RedisStore,
  cursor: string,
): Promise<{ cursor: string; keys: CounterKey[] }> {
  const page = await redis.scan(cursor, { match: counterKeys.viewsRestaurantPattern(), count: 500 });
  return { cursor: page.cursor, keys: page.keys.flatMap((key) => parseCounterKey(key) ?? []) };
}

/** The full key a parsed counter key came from. */
export function counterKeyName(key: CounterKey): string {
  if (key.kind === 'flushing') return counterKeys.viewsFlushing(key.slug);
  if (key.kind === 'flush') return counterKeys.viewsFlush(key.slug, key.day, key.flushId);
  return counterKeys.viewsDay(key.slug, key.day);
}
