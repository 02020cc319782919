import { describe, expect, it } from 'vitest';

import { counterKeys, VIEW_DAY_TTL_MS } from '@/lib/views/keys';
import { dayOf, hourOf, lastDays } from '@/lib/views/buckets';
import { readCounterDashboard } from '@/lib/views/dashboard';
import { flushCounters } from '@/lib/views/flush';
import { readWeeklyViews } from '@/lib/views/read-views';
import { recordView } from '@/lib/views/record-view';
import { readTrendingScores } from '@/lib/views/trending';
import { trendingInCity } from '@/lib/views/trending-cache';
import { newVisitorId } from '@/lib/views/visitor';
import { getCityRestaurants } from '@/lib/menus/cached';
import { processStats } from '@/lib/metrics/process-stats';

import { deleteKeysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { addDurableViews, brokenStore, durableRows, recordViews, restaurantsOf } from '../support/counters';

/**
 * View counting, the week's total and trending, on every Redis driver: memory with PGlite, TCP and
 * Upstash with the real Postgres. Each test takes restaurants no other test in the file touches.
 */

const HOUR = 60 * 60_000;

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('view counters'), () => {
    const backends = setUpBackends(pair, { label: 'counters', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });
    const city = async (slug: string) => (await getCityRestaurants(slug)).value!;

    it('counts one view per visitor and hour, and every new visitor', async () => {
      const [restaurant] = restaurantsOf(await city('bengaluru'));
      const view = (visitorId: string) =>
        recordView({ restaurantSlug: restaurant!.slug, citySlug: restaurant!.citySlug, visitorId });
      const visitor = newVisitorId();

      const storm = [];
      for (let i = 0; i < 10; i++) storm.push(await view(visitor));
      expect(storm).toEqual(['counted', ...Array(9).fill('duplicate')]);
      expect(await readWeeklyViews(restaurant!.slug)).toBe(1);
      expect(await view(newVisitorId())).toBe('counted');
      expect(await readWeeklyViews(restaurant!.slug)).toBe(2);

      const dayKey = counterKeys.viewsDay(restaurant!.slug, dayOf(new Date()));
      expect(dayKey).toBe(`${backends.prefix}views:v1:restaurant:{${restaurant!.slug}}:day:${dayOf(new Date())}`);
      expect(await backends.redis.get(dayKey)).toBe('2');
      expect(await backends.redis.pttl(dayKey)).toBeGreaterThan(VIEW_DAY_TTL_MS - 60_000);
      const seenTtl = await backends.redis.pttl(counterKeys.viewSeen(restaurant!.slug, visitor));
      expect(seenTtl).toBeGreaterThan(3_600_000 - 60_000);
      expect(seenTtl).toBeLessThanOrEqual(3_600_000);
    });

    it('adds the live Redis days of the week to the durable Postgres totals, and nothing older', async () => {
      const [, restaurant] = restaurantsOf(await city('bengaluru'));
      const now = new Date();
      const days = lastDays(now, 7);
      const eightDaysAgo = lastDays(now, 8)[0]!;
      await addDurableViews(backends.db.db, restaurant!.slug, days[0]!, 100);
      await addDurableViews(backends.db.db, restaurant!.slug, days[6]!, 20);
      await addDurableViews(backends.db.db, restaurant!.slug, eightDaysAgo, 5_000);
      await recordViews(restaurant!, 3, now);
      await recordViews(restaurant!, 2, new Date(+now - 6 * 24 * HOUR));
      await recordViews(restaurant!, 7, new Date(+now - 7 * 24 * HOUR));

      expect(await readWeeklyViews(restaurant!.slug, now)).toBe(100 + 20 + 3 + 2);
    });

    it('without Redis, shows the durable totals; with it back, counting resumes', async () => {
      const [, , restaurant] = restaurantsOf(await city('bengaluru'));
      await addDurableViews(backends.db.db, restaurant!.slug, dayOf(new Date()), 40);
      await recordViews(restaurant!, 2);

      backends.install(brokenStore());
      expect(await readWeeklyViews(restaurant!.slug)).toBe(40);
      expect(
        await recordView({ restaurantSlug: restaurant!.slug, citySlug: restaurant!.citySlug, visitorId: newVisitorId() }),
      ).toBe('unavailable');

      backends.install();
      await recordViews(restaurant!, 1);
      expect(await readWeeklyViews(restaurant!.slug)).toBe(43);
    });

    it('when Redis loses everything, the totals come back from Postgres and counting resumes', async () => {
      const [, , , restaurant] = restaurantsOf(await city('bengaluru'));
      await recordViews(restaurant!, 4);
      await flushCounters();
      await recordViews(restaurant!, 3);
      expect(await readWeeklyViews(restaurant!.slug)).toBe(7);

      await deleteKeysUnder(backends.redis, backends.prefix);
      expect(await readWeeklyViews(restaurant!.slug)).toBe(4);
      await recordViews(restaurant!, 2);
      expect(await readWeeklyViews(restaurant!.slug)).toBe(6);
      await flushCounters();
      expect(await durableRows(backends.db.db, restaurant!.slug)).toEqual({ [dayOf(new Date())]: 6 });
      expect(await readWeeklyViews(restaurant!.slug)).toBe(6);
    });

    it('reads no Postgres once the week’s durable totals are cached, and a flush never makes a view disappear', async () => {
      const [, , , , restaurant] = restaurantsOf(await city('bengaluru'));
      await recordViews(restaurant!, 3);
      expect(await readWeeklyViews(restaurant!.slug)).toBe(3);
      const queries = processStats().dbQueries;
      expect(await readWeeklyViews(restaurant!.slug)).toBe(3);
      expect(processStats().dbQueries).toBe(queries);

      // Random interleavings of views, flushes and reads: every view counted before a read is in it.
      let counted = 3;
      for (let round = 0; round < 12; round += 1) {
        const views = Math.floor(Math.random() * 3);
        await recordViews(restaurant!, views);
        counted += views;
        const [figure] = await Promise.all([readWeeklyViews(restaurant!.slug), Math.random() < 0.5 ? flushCounters() : null]);
        expect(figure).toBeGreaterThanOrEqual(counted);
      }
      await flushCounters();
      expect(await readWeeklyViews(restaurant!.slug)).toBe(counted);
    });

    it('ranks trending by a scripted sequence of views, ties by slug, and forgets buckets past 24 hours', async () => {
      const pune = await city('pune');
      const [a, b, c, d, e, f, g] = restaurantsOf(pune);
      // 12:00 IST, on the hour, so the first bucket is in the window until 24 hours have passed.
      const start = new Date('2031-05-04T06:30:00Z');
      const at = (hours: number) => new Date(+start + hours * HOUR);

      await recordViews(a!, 5, at(0));
      await recordViews(b!, 1, at(0));
      await recordViews(b!, 3, at(1));
      await recordViews(c!, 3, at(2));
      await recordViews(d!, 2, at(23));
      await recordViews(e!, 1, at(23.5));
      await recordViews(f!, 1, at(23.5));
      await recordViews(g!, 1, at(23.9));

      // 23 hours in: every bucket is inside the window.
      const early = await readTrendingScores('pune', at(23.95));
      expect(early).toEqual([
        { slug: a!.slug, views: 5 },
        { slug: b!.slug, views: 4 },
        { slug: c!.slug, views: 3 },
        { slug: d!.slug, views: 2 },
        ...[e!, f!, g!].map((r) => ({ slug: r.slug, views: 1 })).sort((x, y) => (x.slug < y.slug ? -1 : 1)),
      ]);
      const shown = await trendingInCity(pune, at(23.95));
      expect(shown.map((entry) => entry.restaurant.slug)).toEqual(early!.slice(0, 5).map((entry) => entry.slug));

      // A day after the first views their hour has left the window: a drops out, b keeps its later 3.
      const later = await readTrendingScores('pune', at(24));
      expect(later?.slice(0, 3)).toEqual([
        { slug: b!.slug, views: 3 },
        { slug: c!.slug, views: 3 },
        { slug: d!.slug, views: 2 },
      ].sort((x, y) => y.views - x.views || (x.slug < y.slug ? -1 : 1)));
      expect(later?.some((entry) => entry.slug === a!.slug)).toBe(false);
      // Two days on, nothing is left to trend and the strip hides.
      expect(await trendingInCity(pune, at(48))).toEqual([]);

      // And the buckets really go: each expires a little over a day after its last view.
      const ttl = await backends.redis.pttl(counterKeys.trendingHour('pune', hourOf(at(23.9))));
      expect(ttl).toBeGreaterThan(24 * HOUR);
      expect(ttl).toBeLessThanOrEqual(25 * HOUR);
    });

    it('gives the admin dashboard views today and the week’s top restaurants, Postgres plus live', async () => {
      const [x, y] = restaurantsOf(await city('kolkata'));
      const before = await readCounterDashboard();
      await addDurableViews(backends.db.db, x!.slug, dayOf(new Date()), 900);
      await recordViews(x!, 2);
      await recordViews(y!, 1);
      await addDurableViews(backends.db.db, y!.slug, lastDays(new Date(), 3)[0]!, 1_000);

      const after = await readCounterDashboard();
      expect(after.viewsToday - before.viewsToday).toBe(903);
      expect(after.topRestaurants.slice(0, 2)).toEqual([
        { slug: y!.slug, name: expect.any(String), citySlug: 'kolkata', cityName: 'Kolkata', views: 1_001 },
        { slug: x!.slug, name: expect.any(String), citySlug: 'kolkata', cityName: 'Kolkata', views: 902 },
      ]);
      expect(after.topRestaurants.length).toBeLessThanOrEqual(10);
    });
  });
}
