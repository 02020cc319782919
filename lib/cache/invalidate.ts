import 'server-only';

import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { generationKey } from './keys';
import { flightPrefix, newGenerationToken } from './read-through';
import { forgetFlights } from './single-flight';

export interface InvalidationResult {
  /** The entry keys whose generation was replaced and whose value was dropped. */
  keys: string[];
  /** False when Redis did not take every key (admin saves then retry through the outbox: outbox.ts). */
  ok: boolean;
}

/**
 * Runs after the Postgres commit. Replacing the generation token (never deleting it) is what makes a
 * concurrent reader's late write harmless; deleting the entry only frees memory early.
 */
export async function invalidate(
  entryKeys: readonly string[],
  store?: RedisStore,
  /** As the entries' reads set it (ReadThroughSpec.generationTtlMs); unset: the new token never expires. */
  options: { generationTtlMs?: number } = {},
): Promise<InvalidationResult> {
  const unique = [...new Set(entryKeys)];
  if (unique.length === 0) return { keys: [], ok: true };
  // Loads already under way in this process began before the commit: nobody may join them now.
  unique.forEach((key) => forgetFlights(flightPrefix(key)));
  const results = await Promise.all(
    unique.map((key) =>
      guardedRedis(
        'invalidate',
        async (redis) => {
          const px = options.generationTtlMs;
          await redis.set(generationKey(key), newGenerationToken(), px === undefined ? {} : { px });
          await redis.del([key]);
        },
        store,
        { bypassBreaker: true },
      ),
    ),
  );
  return { keys: unique, ok: results.every((result) => result.ok) };
}
