import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { counterFlushes } from '@/db/schema';
import { parseCounterKey } from '@/lib/views/keys';
import { dayOf } from '@/lib/views/buckets';
import { pruneFlushLedger } from '@/lib/views/durable';
import { FlushFault, flushCounters, type FlushStep } from '@/lib/views/flush';
import { newFlushId } from '@/lib/views/flush-id';
import { readWeeklyViews } from '@/lib/views/read-views';
import { getCities, getCityRestaurants } from '@/lib/menus/cached';

import { keysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { durableRows, recordViews, restaurantsOf } from '../support/counters';

/**
 * The flush, killed after each of its steps and run again: no view may be lost or counted twice,
 * the page's number must be right even while a crashed flush's keys are still lying around, and
 * nothing may be left in Redis afterwards. Also two flushes at once, on two separate clients.
 */

const STEPS: FlushStep[] = ['after-mark', 'after-rename', 'after-read', 'after-commit', 'after-delete'];
const DAY = 24 * 60 * 60_000;
/** Past the age at which a crashed flush's markers count as stale. */
const LATER = () => Date.now() + 11 * 60_000;

for (const pair of await backendPairs()) {
  const { driver } = pair;

  describe.skipIf(!pair.runnable)(pair.title('counter flush'), () => {
    const backends = setUpBackends(pair, { label: 'flush', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });
    const pool: { slug: string; citySlug: string }[] = [];
    /** Restaurants no earlier test used, so every expectation starts from zero. */
    const take = (n: number) => pool.splice(0, n);
    const viewKeysLeft = async () =>
      (await keysUnder(backends.redis, `${backends.prefix}views:v1:restaurant:`)).map((key) => parseCounterKey(key));

    beforeAll(async () => {
      for (const city of (await getCities()).value) pool.push(...restaurantsOf((await getCityRestaurants(city.slug)).value!));
    });

    for (const step of STEPS) {
      it(`killed ${step}, then rerun: every view lands in Postgres exactly once`, async () => {
        const [r1, r2] = take(2);
        const today = new Date();
        const yesterday = new Date(+today - DAY);
        await recordViews(r1!, 3, today);
        await recordViews(r1!, 2, yesterday);
        await recordViews(r2!, 4, today);

        await expect(flushCounters({ failAt: step })).rejects.toThrow(FlushFault);
        // Mid-crash, the page still shows every view once, wherever the flush stopped.
        expect(await readWeeklyViews(r1!.slug)).toBe(5);
        expect(await readWeeklyViews(r2!.slug)).toBe(4);
        // Views keep coming while the crashed flush's keys lie around.
        await recordViews(r1!, 1, today);
        expect(await readWeeklyViews(r1!.slug)).toBe(6);

        await flushCounters({ now: LATER });
        expect(await durableRows(backends.db.db, r1!.slug)).toEqual({ [dayOf(today)]: 4, [dayOf(yesterday)]: 2 });
        expect(await durableRows(backends.db.db, r2!.slug)).toEqual({ [dayOf(today)]: 4 });
        expect(await viewKeysLeft()).toEqual([]);

        // A further run finds nothing to do and changes nothing.
        expect(await flushCounters()).toEqual({ recovered: 0, flushed: 0, views: 0 });
        expect(await readWeeklyViews(r1!.slug)).toBe(6);
        expect(await readWeeklyViews(r2!.slug)).toBe(4);
      });
    }

    it('a rerun that is itself killed while finishing leftovers is finished by the next', async () => {
      const [r1] = take(1);
      await recordViews(r1!, 5);
      await expect(flushCounters({ failAt: 'after-rename' })).rejects.toThrow(FlushFault);
      await recordViews(r1!, 2);
      await expect(flushCounters({ failAt: 'after-commit' })).rejects.toThrow(FlushFault);
      expect(await readWeeklyViews(r1!.slug)).toBe(7);
      await expect(flushCounters({ failAt: 'after-read' })).rejects.toThrow(FlushFault);
      expect(await readWeeklyViews(r1!.slug)).toBe(7);

      const report = await flushCounters({ now: LATER });
      expect(report.recovered).toBeGreaterThan(0);
      expect(await durableRows(backends.db.db, r1!.slug)).toEqual({ [dayOf(new Date())]: 7 });
      expect(await viewKeysLeft()).toEqual([]);
    });

    it('two flushes at once, on separate clients, apply each view once', async () => {
      const restaurants = take(6);
      for (const [index, restaurant] of restaurants.entries()) await recordViews(restaurant, index + 1);
      // The in-process store is one per process: a second one would be another Redis, not another client.
      const other = driver.name === 'memory' ? backends.redis : await driver.create();
      try {
        await Promise.all([flushCounters(), flushCounters({ store: other }), flushCounters()]);
      } finally {
        if (other !== backends.redis) await other.close();
      }
      for (const [index, restaurant] of restaurants.entries()) {
        expect(await durableRows(backends.db.db, restaurant.slug)).toEqual({ [dayOf(new Date())]: index + 1 });
      }
      expect(await viewKeysLeft()).toEqual([]);
    });

    it('forgets ledger entries only once no flush key could still come back', async () => {
      const fresh = newFlushId(Date.now() - 2 * DAY);
      const old = newFlushId(Date.now() - 10 * DAY);
      await backends.db.db.insert(counterFlushes).values([{ id: fresh }, { id: old }]);
      await pruneFlushLedger(backends.db.db, Date.now());
      const left = await backends.db.db.select({ id: counterFlushes.id }).from(counterFlushes);
      expect(left.map((row) => row.id)).toContain(fresh);
      expect(left.map((row) => row.id)).not.toContain(old);
      const [total] = await backends.db.db.select({ n: count() }).from(counterFlushes);
      expect(total!.n).toBeGreaterThan(0);
    });
  });
}
