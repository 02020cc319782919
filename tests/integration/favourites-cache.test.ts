import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { favourites, restaurants } from '@/db/schema';
import { FAVOURITE_COUNT_TTL_MS, favouriteKeys, FAVOURITES_GENERATION_TTL_MS, FAVOURITES_TTL_MS } from '@/lib/favourites/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { readFavouriteSlugs } from '@/lib/favourites/cache';
import { changeFavourite } from '@/lib/favourites/change';
import { readFavouriteCount, readFavouriteState } from '@/lib/favourites/menu-state';
import { processStats } from '@/lib/metrics/process-stats';
import type { RedisStore } from '@/lib/redis/types';

import { keysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { brokenStore } from '../support/counters';

/**
 * The cache of each customer's favourites (lib/favourites/cache.ts) on every Redis driver: filled
 * from Postgres on a miss (an empty list too), never serving a refill that loaded before a change,
 * and Postgres answering whenever Redis can't.
 */

/**
 * The store, except that writes of one key wait at a gate: lets a test hold a refill between its
 * Postgres load and its cache write, where the classic cache-aside race happens.
 */
function gateWritesOf(store: RedisStore, key: string) {
  let reached!: () => void;
  let release!: () => void;
  const atGate = new Promise<void>((resolve) => (reached = resolve));
  const opened = new Promise<void>((resolve) => (release = resolve));
  const gated = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'set') {
        return async (...args: Parameters<RedisStore['set']>) => {
          if (args[0] === key) {
            reached();
            await opened;
          }
          return target.set(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { gated, atGate, release };
}

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('favourites cache'), () => {
    const backends = setUpBackends(pair, { label: 'favourites-cache', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });
    let restaurantRows: { id: number; slug: string }[];
    let phones = 0;
    const newCustomer = () => customerIdFor(`9180000${String((phones += 1)).padStart(5, '0')}`, backends.db.db);
    const change = (customerId: number, restaurantSlug: string, favourite: boolean) =>
      changeFavourite({ customerId, restaurantSlug, favourite }, { limiter: null });

    beforeAll(async () => {
      restaurantRows = await backends.db.db
        .select({ id: restaurants.id, slug: restaurants.slug })
        .from(restaurants)
        .orderBy(asc(restaurants.id))
        .limit(8);
    });

    it('fills a cold cache from Postgres, an empty list included, and then hits', async () => {
      const [a, b] = restaurantRows;
      const customer = await newCustomer();
      const empty = await newCustomer();
      // Written straight to Postgres, as if by another instance whose cache write never happened.
      await backends.db.db.insert(favourites).values([b!, a!].map((restaurant) => ({ customerId: customer, restaurantId: restaurant.id })));

      expect(await readFavouriteSlugs(customer)).toEqual({ slugs: [a!.slug, b!.slug].sort(), status: 'MISS', degraded: false });
      expect(await readFavouriteSlugs(customer)).toEqual({ slugs: [a!.slug, b!.slug].sort(), status: 'HIT', degraded: false });
      const ttl = await backends.redis.pttl(favouriteKeys.customer(customer));
      expect(ttl).toBeGreaterThan(FAVOURITES_TTL_MS - 10_000);
      expect(ttl).toBeLessThanOrEqual(FAVOURITES_TTL_MS);
      const generationTtl = await backends.redis.pttl(favouriteKeys.customerGeneration(customer));
      expect(generationTtl).toBeGreaterThan(FAVOURITES_GENERATION_TTL_MS - 10_000);
      expect(generationTtl).toBeLessThanOrEqual(FAVOURITES_GENERATION_TTL_MS);

      // No favourites is a cached answer too, not a miss on every page.
      expect(await readFavouriteSlugs(empty)).toEqual({ slugs: [], status: 'MISS', degraded: false });
      expect(await readFavouriteSlugs(empty)).toEqual({ slugs: [], status: 'HIT', degraded: false });

      // Redis emptied (a restart, an eviction): refilled from Postgres, the same answer.
      await backends.redis.del([favouriteKeys.customer(customer), favouriteKeys.customerGeneration(customer)]);
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [a!.slug, b!.slug].sort(), status: 'MISS' });
      expect(await readFavouriteSlugs(customer)).toMatchObject({ status: 'HIT' });
    });

    it('a change replaces the cached list: the next read misses and shows it', async () => {
      const [a] = restaurantRows;
      const customer = await newCustomer();
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [], status: 'MISS' });
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [], status: 'HIT' });
      await change(customer, a!.slug, true);
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [a!.slug], status: 'MISS' });
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [a!.slug], status: 'HIT' });
    });

    for (const start of ['a new customer (no generation yet)', 'a customer with a generation']) {
      it(`never serves a refill that loaded before a change: ${start}`, async () => {
        const [, , c, d] = restaurantRows;
        const customer = await newCustomer();
        if (start.startsWith('a customer with')) await change(customer, d!.slug, true);
        const expected = start.startsWith('a customer with') ? [d!.slug] : [];

        // A page's read loads Postgres before the change and writes Redis after it.
        const { gated, atGate, release } = gateWritesOf(backends.redis, favouriteKeys.customer(customer));
        const late = readFavouriteSlugs(customer, gated);
        await atGate;
        await change(customer, c!.slug, true);
        release();
        expect((await late).slugs).toEqual(expected);

        // Its write landed, under the token it read before the change, so nobody is served it.
        expect(await backends.redis.get(favouriteKeys.customer(customer))).toContain('"generation"');
        const now = [c!.slug, ...expected].sort();
        expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: now, status: 'MISS' });
        expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: now, status: 'HIT' });
      });
    }

    it('a new customer’s refill that would claim its token only after a change stores nothing', async () => {
      const [, , , , , , g] = restaurantRows;
      const customer = await newCustomer();

      // The read found no token and loaded Postgres; the change commits before it claims one.
      const { gated, atGate, release } = gateWritesOf(backends.redis, favouriteKeys.customerGeneration(customer));
      const late = readFavouriteSlugs(customer, gated);
      await atGate;
      await change(customer, g!.slug, true);
      release();
      expect((await late).slugs).toEqual([]);

      // The change's token is there first, so the claim (SET NX) fails and the stale list is not written.
      expect(await backends.redis.get(favouriteKeys.customer(customer))).toBeNull();
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [g!.slug], status: 'MISS' });
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [g!.slug], status: 'HIT' });
    });

    it('with Redis down, changes and reads answer from Postgres; back up, a cold list is refilled', async () => {
      const [, , , , e] = restaurantRows;
      const customer = await newCustomer();

      backends.install(brokenStore());
      expect(await change(customer, e!.slug, true)).toMatchObject({ ok: true, changed: true, count: 1 });
      expect(await readFavouriteState(e!.slug, customer)).toEqual({ count: 1, favourited: true });
      expect(await readFavouriteSlugs(customer)).toEqual({ slugs: [e!.slug], status: 'MISS', degraded: true });
      expect(await change(customer, e!.slug, false)).toMatchObject({ ok: true, changed: true, count: 0 });
      expect(await readFavouriteState(e!.slug, customer)).toEqual({ count: 0, favourited: false });
      expect(await change(customer, e!.slug, true)).toMatchObject({ ok: true, changed: true, count: 1 });

      backends.install();
      expect(await keysUnder(backends.redis, favouriteKeys.customer(customer))).toEqual([]);
      expect(await readFavouriteSlugs(customer)).toEqual({ slugs: [e!.slug], status: 'MISS', degraded: false });
      expect(await readFavouriteState(e!.slug, customer)).toEqual({ count: 1, favourited: true });
    });

    it('a list left stale by an invalidation Redis missed is put right by the customer’s next change', async () => {
      const [, , , , , f] = restaurantRows;
      const customer = await newCustomer();
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [], status: 'MISS' });

      backends.install(brokenStore());
      await change(customer, f!.slug, true); // committed; its invalidation could not reach Redis

      backends.install();
      // At most FAVOURITES_TTL_MS stale (the entry's TTL, checked above); the page's heart then shows
      // "not saved", so the customer clicks again, asking for the state Postgres already has.
      expect(await change(customer, f!.slug, true)).toMatchObject({ ok: true, changed: false, count: 1 });
      expect(await readFavouriteSlugs(customer)).toMatchObject({ slugs: [f!.slug], status: 'MISS' });
      expect(
        await backends.db.db.select({ restaurantId: favourites.restaurantId }).from(favourites).where(eq(favourites.customerId, customer)),
      ).toEqual([{ restaurantId: f!.id }]);
    });

    it('caches each restaurant’s count: a warm heart reads no Postgres, and a change shows at once', async () => {
      const [, , , , , , , h] = restaurantRows;
      const [customer, other] = [await newCustomer(), await newCustomer()];
      expect(await readFavouriteState(h!.slug, customer)).toEqual({ count: 0, favourited: false });
      const queries = processStats().dbQueries;
      expect(await readFavouriteState(h!.slug, customer)).toEqual({ count: 0, favourited: false });
      expect(processStats().dbQueries).toBe(queries);

      await change(other, h!.slug, true);
      expect(await readFavouriteState(h!.slug, customer)).toEqual({ count: 1, favourited: false });
      expect(await readFavouriteCount(h!.slug)).toBe(1);
      expect(await backends.redis.pttl(favouriteKeys.restaurantCount(h!.slug))).toBeLessThanOrEqual(FAVOURITE_COUNT_TTL_MS * 1.1);
    });
  });
}
