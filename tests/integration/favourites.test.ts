import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { customers, favourites, restaurantFavouriteCounts, restaurants } from '@/db/schema';
import { customerIdFor } from '@/lib/customers/accounts';
import { parseEnv } from '@/lib/env';
import { changeFavourite } from '@/lib/favourites/change';
import { readFavouriteDashboard } from '@/lib/favourites/dashboard';
import { readFavouriteState } from '@/lib/favourites/menu-state';
import { listOwnFavourites } from '@/lib/favourites/postgres';
import { createRateLimitState } from '@/lib/ratelimit/state';

import { keysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';

/**
 * Favourites on every Redis driver (memory with PGlite, TCP and Upstash with the real Postgres): a
 * favourite is a set member per customer, so asking twice changes nothing; the count moves with the
 * rows, even under concurrent changes; bad input is refused and changes nothing. Each test takes
 * restaurants no other test in the file touches. The cache's own behaviour: favourites-cache.test.ts.
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('favourites'), () => {
    const backends = setUpBackends(pair, { label: 'favourites', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });
    let slugs: string[];
    let phones = 0;
    const newCustomer = () => customerIdFor(`9190000${String((phones += 1)).padStart(5, '0')}`, backends.db.db);
    const change = (customerId: number, restaurantSlug: unknown, favourite: unknown) =>
      changeFavourite({ customerId, restaurantSlug, favourite }, { limiter: null });

    /** Rows in `favourites` and the stored count, for one restaurant: the two must always agree. */
    async function counted(slug: string): Promise<{ rows: number; count: number }> {
      const [row] = await backends.db.db
        .select({
          rows: sql<number>`(select count(*) from ${favourites} where ${favourites.restaurantId} = ${restaurants.id})`.mapWith(Number),
          count: sql<number>`coalesce(${restaurantFavouriteCounts.favourites}, 0)`.mapWith(Number),
        })
        .from(restaurants)
        .leftJoin(restaurantFavouriteCounts, eq(restaurantFavouriteCounts.restaurantId, restaurants.id))
        .where(eq(restaurants.slug, slug));
      return row!;
    }

    beforeAll(async () => {
      const rows = await backends.db.db.select({ slug: restaurants.slug }).from(restaurants).orderBy(asc(restaurants.id)).limit(12);
      slugs = rows.map((row) => row.slug);
    });

    it('saving twice is one favourite and removing twice is none; the count and each view follow', async () => {
      const [slug] = slugs;
      const [customer, other] = [await newCustomer(), await newCustomer()];

      const first = await change(customer, slug, true);
      expect(first).toMatchObject({ ok: true, favourited: true, changed: true, count: 1 });
      expect(await change(customer, slug, 'true')).toMatchObject({ ok: true, favourited: true, changed: false, count: 1 });
      expect(await counted(slug!)).toEqual({ rows: 1, count: 1 });
      expect(await readFavouriteState(slug!, customer)).toEqual({ count: 1, favourited: true });
      expect(await readFavouriteState(slug!, other)).toEqual({ count: 1, favourited: false });
      expect(await readFavouriteState(slug!, null)).toEqual({ count: 1, favourited: null });
      expect((await listOwnFavourites(customer)).map((restaurant) => restaurant.slug)).toEqual([slug]);

      expect(await change(other, slug, true)).toMatchObject({ ok: true, changed: true, count: 2 });
      expect(await change(customer, slug, false)).toMatchObject({ ok: true, favourited: false, changed: true, count: 1 });
      expect(await change(customer, slug, 'false')).toMatchObject({ ok: true, favourited: false, changed: false, count: 1 });
      expect(await counted(slug!)).toEqual({ rows: 1, count: 1 });
      expect(await readFavouriteState(slug!, customer)).toEqual({ count: 1, favourited: false });
      expect(await listOwnFavourites(customer)).toEqual([]);
    });

    it('lists a customer’s favourites newest first, with what /account shows', async () => {
      const [, a, b, c] = slugs;
      const customer = await newCustomer();
      for (const slug of [a, b, c]) await change(customer, slug, true);
      const listed = await listOwnFavourites(customer);
      expect(listed.map((restaurant) => restaurant.slug)).toEqual([c, b, a]);
      expect(listed[0]).toMatchObject({ name: expect.any(String), area: expect.any(String), city: { slug: expect.any(String) } });
      expect(listed[0]!.savedAt).toBeInstanceOf(Date);
    });

    it('concurrent changes from one customer leave the count equal to the rows', async () => {
      const [, , , , slug, second] = slugs;
      const customers = [await newCustomer(), await newCustomer(), await newCustomer()];
      // Each customer asks for both states many times at once, as two tabs and a double click would,
      // while its pages read (and refill) its cached list.
      const storm = customers.flatMap((customer, c) =>
        Array.from({ length: 16 }, (_, i) => change(customer, i % 4 === c ? second : slug, (i + c) % 3 !== 0)),
      );
      const reads = customers.flatMap((customer) => Array.from({ length: 4 }, () => readFavouriteState(slug!, customer)));
      const results = await Promise.all(storm);
      await Promise.all(reads);
      expect(results.every((result) => result.ok)).toBe(true);

      for (const target of [slug!, second!]) {
        const { rows, count } = await counted(target);
        expect(count).toBe(rows);
        // The cached lists agree with Postgres for each customer, whatever order the commits took.
        const saved = await Promise.all(customers.map(async (customer) => (await readFavouriteState(target, customer))!.favourited));
        expect(saved.filter(Boolean)).toHaveLength(rows);
      }
      // And a last, sequential round lands exactly where asked.
      for (const customer of customers) await change(customer, slug, true);
      expect(await counted(slug!)).toEqual({ rows: 3, count: 3 });
    });

    it('deleting a customer takes their favourites and lowers the counts with them', async () => {
      const [, , , , , , , , , , slug, second] = slugs;
      const [leaving, staying] = [await newCustomer(), await newCustomer()];
      for (const target of [slug, second]) await change(leaving, target, true);
      await change(staying, slug, true);
      expect(await counted(slug!)).toEqual({ rows: 2, count: 2 });

      await backends.db.db.delete(customers).where(eq(customers.id, leaving));

      expect(await counted(slug!)).toEqual({ rows: 1, count: 1 });
      expect(await counted(second!)).toEqual({ rows: 0, count: 0 });
    });

    it('refuses bad input with a clear error and changes nothing', async () => {
      const [, , , , , , slug] = slugs;
      const customer = await newCustomer();
      await change(customer, slug, true);
      const before = await backends.db.db.select().from(favourites).orderBy(asc(favourites.customerId), asc(favourites.restaurantId));
      const keysBefore = await keysUnder(backends.redis, backends.prefix);

      const invalid = [
        [customer, 'Not a slug!', true, /restaurant address/],
        [customer, '', true, /restaurant address/],
        [customer, 42, true, /restaurant address/],
        [customer, slug, 'yes', /save the restaurant or remove it/],
        [customer, slug, undefined, /save the restaurant or remove it/],
        [customer, slug, 1, /save the restaurant or remove it/],
        [0, slug, true, /customer account/],
        [-1, slug, true, /customer account/],
        [1.5, slug, true, /customer account/],
        [Number.NaN, slug, true, /customer account/],
        [2 ** 31, slug, true, /customer account/],
      ] as const;
      for (const [id, restaurantSlug, favourite, message] of invalid) {
        const result = await change(id, restaurantSlug, favourite);
        expect(result).toMatchObject({ ok: false, error: 'invalid' });
        expect(result.ok ? '' : result.message).toMatch(message);
      }
      const unknown = await change(customer, 'no-such-restaurant-anywhere', true);
      expect(unknown).toEqual({ ok: false, error: 'not-found', message: 'That restaurant doesn’t exist (any more).' });

      const after = await backends.db.db.select().from(favourites).orderBy(asc(favourites.customerId), asc(favourites.restaurantId));
      expect(after).toEqual(before);
      expect(await counted(slug!)).toEqual({ rows: 1, count: 1 });
      expect(await keysUnder(backends.redis, backends.prefix)).toEqual(keysBefore);
    });

    it('limits each customer’s changes (policy favourite:customer), with a message, and the refused change does nothing', async () => {
      const [, , , , , , , slug] = slugs;
      const [customer, other] = [await newCustomer(), await newCustomer()];
      // The in-process limiter with the real policy table (no REDIS_URL in this env).
      const limits = createRateLimitState(parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: backends.prefix }));
      const limited = (id: number, favourite: boolean) =>
        changeFavourite({ customerId: id, restaurantSlug: slug, favourite }, { limiter: limits.limiter });

      for (let i = 0; i < 30; i++) expect((await limited(customer, i % 2 === 0)).ok).toBe(true);
      const refused = await limited(customer, true);
      expect(refused).toMatchObject({ ok: false, error: 'rate-limited' });
      if (refused.ok || refused.error !== 'rate-limited') throw new Error('expected a rate-limited result');
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(refused.message).toBe(`You’re changing favourites too quickly. Try again in ${refused.retryAfterSeconds} s.`);
      // The 30th change removed it; the refused one did not put it back. Other customers are not limited.
      expect(await readFavouriteState(slug!, customer)).toEqual({ count: 0, favourited: false });
      expect(await limited(other, true)).toMatchObject({ ok: true, changed: true, count: 1 });
      await limits.close();
    });

    it('the dashboard totals every favourite and ranks restaurants by their count', async () => {
      const [, , , , , , , , top, runnerUp] = slugs;
      // More than any earlier test gave one restaurant (at most 3), so these two lead the ranking.
      const customers = await Promise.all(Array.from({ length: 6 }, () => newCustomer()));
      for (const customer of customers) await change(customer, top, true);
      for (const customer of customers.slice(0, 5)) await change(customer, runnerUp, true);

      const dashboard = await readFavouriteDashboard();
      const total = backends.db.db.select({ rows: sql<number>`count(*)`.mapWith(Number) }).from(favourites);
      const [{ rows }] = (await total) as [{ rows: number }];
      expect(dashboard.total).toBe(rows);
      expect(dashboard.topRestaurants.slice(0, 2)).toEqual([
        expect.objectContaining({ slug: top, favourites: 6, name: expect.any(String), citySlug: expect.any(String) }),
        expect.objectContaining({ slug: runnerUp, favourites: 5 }),
      ]);
      const counts = dashboard.topRestaurants.map((restaurant) => restaurant.favourites);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(counts.every((count) => count > 0)).toBe(true);
    });
  });
}
