import { eq, ne } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, menuItems, restaurants } from '@/db/schema';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { updateMenuItem } from '@/lib/menus/mutations';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { installBackends, keysUnder } from '@/tests/support/app-context';
import { createTestPglite } from '@/tests/support/databases';
import { itemForm } from '@/tests/support/menus';

import { singletons } from '@/lib/server/singletons';

import { outboxKeys } from './outbox-keys';
import { checkWatermark, raiseWatermark } from './outbox-watermark';

/**
 * Invalidations Redis took and then lost (a failover, an older snapshot) are applied again
 * (docs/decisions/041): here, when a save lands on the rolled-back Redis before any check has run,
 * as the outbox retry of a save refused during the failover does within a second.
 */
describe('the outbox watermark after Redis lost acknowledged writes', () => {
  let redis: RedisStore;
  let db: DatabaseHandle;

  beforeEach(async () => {
    redis = createMemoryStore();
    db = await createTestPglite();
    installBackends({ redis, database: db });
  });
  afterEach(async () => {
    await redis.close();
    await db.close();
  });

  /** Every string key with its value and TTL, and a way to put Redis back to exactly that. */
  async function snapshot() {
    const state = new Map<string, { value: string; pttl: number }>();
    for (const key of await keysUnder(redis, '')) {
      if ((await redis.type(key)) === 'string') state.set(key, { value: (await redis.get(key))!, pttl: await redis.pttl(key) });
    }
    return async () => {
      for (const key of await keysUnder(redis, '')) if (!state.has(key) && (await redis.type(key)) === 'string') await redis.del([key]);
      for (const [key, { value, pttl }] of state) await redis.set(key, value, pttl > 0 ? { px: pttl } : {});
    };
  }

  it('a save applied after the loss does not raise the watermark over it: the lost one is applied again', async () => {
    const [first] = await db.db.select({ item: menuItems, slug: restaurants.slug }).from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId)).orderBy(restaurants.id, menuItems.id).limit(1);
    const [other] = await db.db.select({ item: menuItems }).from(menuItems)
      .where(ne(menuItems.restaurantId, first!.item.restaurantId)).orderBy(menuItems.id).limit(1);
    const [admin] = await db.db.insert(admins).values({ email: 'watermark@thali.test', name: 'Watermark', passwordHash: 'unused' }).returning({ id: admins.id });
    const actor = { adminId: admin!.id };
    const priceOf = async () => {
      const { value } = await getRestaurantMenu(first!.slug);
      return value!.categories.flatMap((category) => category.items).find((item) => item.id === first!.item.id)!.pricePaise;
    };

    await checkWatermark(); // what every server does at start and every 2 s
    await priceOf(); // the menu is cached
    const rollBack = await snapshot();
    const after = first!.item.pricePaise + 2_300;
    expect(await updateMenuItem(actor, first!.item.id, itemForm(first!.item, after))).toMatchObject({ status: 'saved', invalidation: { ok: true } });
    expect(await priceOf()).toBe(after);

    await rollBack(); // the failover: the save's rotation and the watermark's raise are gone
    expect(await priceOf()).toBe(first!.item.pricePaise);
    // Another save lands on the new primary before the next check.
    expect(await updateMenuItem(actor, other!.item.id, itemForm(other!.item, other!.item.pricePaise + 100))).toMatchObject({ status: 'saved' });
    await checkWatermark();
    expect(await priceOf()).toBe(after);
  });

  it('a process that applies an older row after another raised the watermark leaves it there: no replay for a loss that never was', async () => {
    await checkWatermark();
    // Process B applied row 11 (its own save); this process, which knows only row 9, applies row 10 after
    // it (an outbox retry, a save that committed first and reached Redis second).
    singletons().outboxWatermark = 11;
    await raiseWatermark([11]);
    singletons().outboxWatermark = 9;
    await raiseWatermark([10]);
    expect(Number(await redis.get(outboxKeys.watermark()))).toBe(11);
    // Process B's next check finds Redis where it left it, and replays nothing.
    singletons().outboxWatermark = 11;
    expect(await checkWatermark()).toBe('ok');
  });
});
