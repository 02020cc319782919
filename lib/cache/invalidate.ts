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
 * Replaces an entry's generation token and drops the entry. Replacing the token (never deleting it) is
 * what makes a concurrent reader's late write harmless; deleting the entry only frees memory early.
 * Unguarded: the caller decides what a failure means (invalidate() reports it; the counter flush stops).
 */
export async function replaceGeneration(redis: RedisStore, entryKey: string, generationTtlMs?: number): Promise<void> {
  // Loads already under way in this process began before the commit: nobody may join them now.
  forgetFlights(flightPrefix(entryKey));
  await redis.set(generationKey(entryKey), newGenerationToken(), generationTtlMs === undefined ? {} : { px: generationTtlMs });
  await redis.del([entryKey]);
}

/** Runs after the Postgres commit, for each entry key, through guardedRedis (never throws). */
export async function invalidate(
  entryKeys: readonly string[],
  store?: RedisStore,
  /** As the entries' reads set it (ReadThroughSpec.generationTtlMs); unset: the new token never expires. */
  options: { generationTtlMs?: number } = {},
): Promise<InvalidationResult> {
  const unique = [...new Set(entryKeys)];
  if (unique.length === 0) return { keys: [], ok: true };
  const results = await Promise.all(
    unique.map((key) =>
      guardedRedis('invalidate', (redis) => replaceGeneration(redis, key, options.generationTtlMs), store, { bypassBreaker: true }),
    ),
  );
  return { keys: unique, ok: results.every((result) => result.ok) };
}
