import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { menuItems, restaurants } from '@/db/schema';
import { invalidate } from '@/lib/cache/invalidate';
import { generationKey, keys } from '@/lib/cache/keys';
import { readThrough } from '@/lib/cache/read-through';
import { loadRestaurantMenu } from '@/lib/menus/queries';
import type { RestaurantMenu } from '@/lib/menus/types';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { naiveCache } from '../support/naive-cache';

/**
 * The admin guarantee: once a save has returned, no read that starts afterwards sees an older menu,
 * and when the writers stop every cached value equals Postgres. Concurrent readers and writers run
 * for many randomized rounds, with a delay injected between a reader's Postgres load and its cache
 * write to widen the classic race. The same harness must catch a naive refill (unconditional SET):
 * that failing variant is kept as a test of the test.
 */

const ROUNDS = 150;
const MAX_READERS = 8;
const MAX_WRITERS = 3;
const TTL_MS = 60_000;

interface Strategy {
  read(afterLoad: () => Promise<void>): Promise<RestaurantMenu | null>;
  invalidate(): Promise<void>;
  /** The value a reader would be served from Redis right now, if any. */
  servable(): Promise<RestaurantMenu | null>;
}

interface RoundResult {
  rounds: number;
  violations: string[];
  maxReaders: number;
  maxWriters: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

function priceOf(menu: RestaurantMenu | null, itemId: number): number {
  const item = menu?.categories.flatMap((category) => category.items).find((candidate) => candidate.id === itemId);
  if (!item) throw new Error(`item ${itemId} missing from the menu`);
  return item.pricePaise;
}

async function race(
  db: DatabaseHandle,
  strategy: Strategy,
  target: { slug: string; itemId: number },
  options: { rounds: number; stopAtFirstViolation: boolean },
): Promise<RoundResult> {
  const violations: string[] = [];
  let maxReaders = 0;
  let maxWriters = 0;
  let rounds = 0;

  for (let round = 0; round < options.rounds; round++) {
    rounds += 1;
    const readerCount = randomInt(2, MAX_READERS);
    const writerCount = randomInt(1, MAX_WRITERS);
    maxReaders = Math.max(maxReaders, readerCount);
    maxWriters = Math.max(maxWriters, writerCount);

    const saves: { returnedAt: number; price: number }[] = [];
    const reads: { startedAt: number; price: number }[] = [];
    let writing = true;

    const writer = async () => {
      for (let save = randomInt(1, 3); save > 0; save--) {
        await sleep(randomInt(0, 6));
        // Monotonic prices make "older" well defined: every commit adds one paisa.
        const [row] = await db.db
          .update(menuItems)
          .set({ pricePaise: sql`${menuItems.pricePaise} + 1`, version: sql`${menuItems.version} + 1` })
          .where(eq(menuItems.id, target.itemId))
          .returning({ price: menuItems.pricePaise });
        await strategy.invalidate();
        saves.push({ returnedAt: performance.now(), price: row!.price });
      }
    };
    const reader = async () => {
      do {
        const startedAt = performance.now();
        const menu = await strategy.read(async () => {
          if (Math.random() < 0.5) await sleep(randomInt(1, 15));
        });
        reads.push({ startedAt, price: priceOf(menu, target.itemId) });
        await sleep(randomInt(0, 3));
      } while (writing);
    };

    const readers = Array.from({ length: readerCount }, reader);
    await Promise.all(Array.from({ length: writerCount }, writer));
    writing = false;
    await Promise.all(readers);

    for (const read of reads) {
      const newestBefore = Math.max(-1, ...saves.filter((save) => save.returnedAt < read.startedAt).map((save) => save.price));
      if (read.price < newestBefore) {
        violations.push(`round ${round}: a read started after the save of ${newestBefore} saw ${read.price}`);
      }
    }
    const truth = await loadRestaurantMenu(db.db, target.slug);
    const served = await strategy.servable();
    if (served !== null && JSON.stringify(served) !== JSON.stringify(truth)) {
      violations.push(`round ${round}: after the writers stopped Redis serves ${priceOf(served, target.itemId)}, Postgres has ${priceOf(truth, target.itemId)}`);
    }
    if (options.stopAtFirstViolation && violations.length > 0) break;
  }
  return { rounds, violations, maxReaders, maxWriters };
}

for (const pair of await backendPairs()) {
  const { driver } = pair;

  describe.skipIf(!pair.runnable)(pair.title('cache race'), () => {
    const backends = setUpBackends(pair, { label: 'race', env: { REDIS_TIMEOUT_MS: '2000' } });
    let target: { slug: string; itemId: number };

    beforeAll(async () => {
      const [row] = await backends.db.db
        .select({ slug: restaurants.slug, itemId: menuItems.id })
        .from(menuItems)
        .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
        .limit(1);
      target = row!;
    });

    it(`never serves a menu older than the last save (${ROUNDS} randomized rounds)`, async () => {
      const key = keys.restaurantMenu(target.slug);
      const strategy: Strategy = {
        read: async (afterLoad) =>
          (await readThrough({ key, ttlMs: TTL_MS, load: () => loadRestaurantMenu(backends.db.db, target.slug), afterLoad })).value,
        invalidate: async () => {
          expect((await invalidate([key])).ok).toBe(true);
        },
        servable: async () => {
          const [generation = null, raw = null] = await backends.redis.mget([generationKey(key), key]);
          if (generation === null || raw === null) return null;
          const entry = JSON.parse(raw) as { generation: string; value: RestaurantMenu };
          return entry.generation === generation ? entry.value : null;
        },
      };
      const result = await race(backends.db, strategy, target, { rounds: ROUNDS, stopAtFirstViolation: false });
      console.info(
        `[race] ${driver.name}: ${result.rounds} rounds, up to ${result.maxReaders} readers and ${result.maxWriters} writers`,
      );
      expect(result.violations).toEqual([]);
      expect(result.maxReaders).toBeGreaterThanOrEqual(4);
    }, 120_000);

    it('catches the naive refill (test of the test)', async () => {
      const naive = naiveCache<RestaurantMenu>(backends.redis, `${backends.prefix}naive:menu:${target.slug}`, TTL_MS);
      const strategy: Strategy = {
        read: (afterLoad) => naive.read(() => loadRestaurantMenu(backends.db.db, target.slug), afterLoad),
        invalidate: () => naive.invalidate(),
        servable: () => naive.cached(),
      };
      const result = await race(backends.db, strategy, target, { rounds: 200, stopAtFirstViolation: true });
      console.info(`[race] naive on ${driver.name}: caught after ${result.rounds} rounds: ${result.violations[0]}`);
      expect(result.violations.length).toBeGreaterThan(0);
    }, 120_000);
  });
}
