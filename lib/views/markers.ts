import 'server-only';

import { counterKeys } from './keys';
import type { RedisStore } from '@/lib/redis/types';

import { flushIdTime } from './flush-id';
import { parseFlushingMember } from './live';

/**
 * A flushing marker outlives its flush key only when a flush dies between marking and renaming, or
 * between deleting and unmarking. Such a marker points at nothing and costs readers a null; this
 * removes them. A young marker may belong to a flush still running elsewhere, so only markers older
 * than any flush takes are considered, and only if their flush key is gone.
 */
const STALE_MARKER_MS = 10 * 60_000;

export async function pruneStaleMarkers(redis: RedisStore, slugs: readonly string[], now: number): Promise<number> {
  const removed = await Promise.all(
    [...new Set(slugs)].map(async (slug) => {
      const setKey = counterKeys.viewsFlushing(slug);
      const old = (await redis.smembers(setKey)).filter((member) => {
        const parsed = parseFlushingMember(member);
        // Unreadable members are garbage whatever their age.
        const age = parsed ? now - flushIdTime(parsed.flushId) : Number.NaN;
        return Number.isNaN(age) || age >= STALE_MARKER_MS;
      });
      const orphans = (
        await Promise.all(
          old.map(async (member) => {
            const parsed = parseFlushingMember(member);
            const exists = parsed ? await redis.exists([counterKeys.viewsFlush(slug, parsed.day, parsed.flushId)]) : 0;
            return exists === 0 ? [member] : [];
          }),
        )
      ).flat();
      return orphans.length === 0 ? 0 : redis.srem(setKey, orphans);
    }),
  );
  return removed.reduce((sum, count) => sum + count, 0);
}
