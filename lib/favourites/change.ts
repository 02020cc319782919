import 'server-only';

import { z } from 'zod';

import { getDb, type Database } from '@/db/client';
import { log } from '@/lib/log';
import { slugSchema } from '@/lib/menus/slug';
import type { RateLimiter } from '@/lib/ratelimit/limiter';
import type { LimiterPolicyName } from '@/lib/ratelimit/policies';
import { rateLimitState } from '@/lib/ratelimit/state';
import type { RedisStore } from '@/lib/redis/types';

import { invalidateFavourites } from './cache';
import { writeFavourite } from './postgres';

/**
 * Saves or unsaves one restaurant for one customer. The request says which state it wants, never
 * "flip": a double click, a resubmitted form or a replayed request asks for the same state again and
 * changes nothing. Order: validate (no Redis, no Postgres), rate-limit, commit in Postgres, then
 * invalidate the customer's cached list.
 */

export type ChangeFavouriteResult =
  | {
      ok: true;
      favourited: boolean;
      /** The restaurant's favourite count as the commit left it. */
      count: number;
      /** False when it already was as asked. */
      changed: boolean;
      restaurant: { slug: string; citySlug: string };
    }
  | { ok: false; error: 'invalid' | 'not-found'; message: string }
  | { ok: false; error: 'rate-limited'; message: string; retryAfterSeconds: number };

export interface ChangeFavouriteOptions {
  db?: Database;
  store?: RedisStore;
  /** Limiter with the `favourite:customer` policy; the process's by default. `null` skips limiting (tests). */
  limiter?: Pick<RateLimiter<LimiterPolicyName>, 'limit'> | null;
  now?: () => number;
}

const MAX_SERIAL = 2 ** 31 - 1;

const changeSchema = z.object({
  customerId: z.number().int().positive().max(MAX_SERIAL),
  restaurantSlug: slugSchema,
  // A form sends the strings; anything but these two is refused rather than guessed at.
  favourite: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]),
});

export interface ChangeFavouriteInput {
  customerId: number;
  restaurantSlug: unknown;
  favourite: unknown;
}

export async function changeFavourite(
  input: ChangeFavouriteInput,
  options: ChangeFavouriteOptions = {},
): Promise<ChangeFavouriteResult> {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    const message =
      field === 'restaurantSlug'
        ? 'That is not a restaurant address.'
        : field === 'favourite'
          ? 'Say whether to save the restaurant or remove it (true or false).'
          : 'That is not a customer account.';
    return { ok: false, error: 'invalid', message };
  }
  const { customerId, restaurantSlug, favourite } = parsed.data;

  const limiter = options.limiter === undefined ? rateLimitState().limiter : options.limiter;
  if (limiter) {
    const now = options.now ?? Date.now;
    const limited = await limiter.limit('favourite:customer', String(customerId));
    if (!limited.success) {
      const retryAfterSeconds = Math.max(1, Math.ceil((limited.resetMs - now()) / 1_000));
      return {
        ok: false,
        error: 'rate-limited',
        retryAfterSeconds,
        message: `You’re changing favourites too quickly. Try again in ${retryAfterSeconds} s.`,
      };
    }
  }

  const written = await writeFavourite(options.db ?? getDb(), customerId, restaurantSlug, favourite);
  if (!written) return { ok: false, error: 'not-found', message: 'That restaurant doesn’t exist (any more).' };

  // Even when nothing changed: a list left stale by an earlier missed invalidation is corrected by
  // the customer's next click.
  if (!(await invalidateFavourites(customerId, written.changed ? written.restaurant.slug : null, options.store))) {
    log.warn('favourites: could not invalidate a customer’s cached list; it may be stale until it expires');
  }
  return { ok: true, favourited: favourite, count: written.count, changed: written.changed, restaurant: written.restaurant };
}
