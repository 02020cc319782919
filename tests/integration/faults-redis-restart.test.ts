import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, menuItems, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { readThrough } from '@/lib/cache/read-through';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { updateMenuItem } from '@/lib/menus/mutations';
import { loadRestaurantMenu } from '@/lib/menus/queries';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';

import { installBackends } from '../support/app-context';
import { createTestPglite } from '../support/databases';
import { itemForm } from '../support/menus';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from '../support/redis-server';
import { IN_CI, uniquePrefix } from '../support/services';

/**
 * Fault review "faults", 2026-12-07 night: Redis restarted empty while a reader loads a cold entry (no
 * generation token yet). An admin's save commits after the load read Postgres and rotates the token;
 * the restart then loses that token, so the reader's claim of a first one (SET NX after its load)
 * succeeded and stored the old menu under it: served as a HIT until decision 041's watermark check
 * replayed the save (about 2 s; not started here). docs/decisions/004 (amendment).
 */
const canRun = redisServerInstalled() || IN_CI;
if (!canRun) console.warn('[faults-redis-restart] skipped: no redis-server binary on this machine (CI=true makes this a failure)');

describe.skipIf(!canRun)(`Redis restarted empty during a cold load${canRun ? '' : ' (skipped: no redis-server binary)'}`, () => {
  let own: OwnRedis;
  let store: RedisStore;
  let db: DatabaseHandle;

  beforeAll(async () => {
    own = await startOwnRedis(Number(process.env.TEST_OWN_REDIS_PORT) || undefined);
    store = createTcpStore({ url: own.url, commandTimeoutMs: 1_000 });
    db = await createTestPglite();
    installBackends({ redis: store, database: db, env: { REDIS_KEY_PREFIX: uniquePrefix('faults-restart') } });
  });
  afterAll(async () => {
    await store?.close();
    await own?.destroy();
    await db?.close();
  });

  /** Kills Redis and starts it again with nothing in it, then waits until the app's client answers. */
  async function restartEmpty(): Promise<void> {
    await own.stop();
    await own.start();
    for (let tries = 0; ; tries++) {
      try {
        await store.ping();
        return;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  it('a save made while a cold entry loads is never undone by the load, when Redis restarts empty before it stores', async () => {
    const [row] = await db.db
      .select({ item: menuItems, slug: restaurants.slug })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .orderBy(restaurants.id, menuItems.id)
      .limit(1);
    const { item, slug } = row!;
    const [admin] = await db.db.insert(admins).values({ email: 'faults-restart@thali.test', name: 'Restart', passwordHash: 'unused' }).returning({ id: admins.id });
    const after = item.pricePaise + 1_700;
    const priceIn = (menu: Awaited<ReturnType<typeof loadRestaurantMenu>>) => menu!.categories.flatMap((c) => c.items).find((i) => i.id === item.id)!.pricePaise;

    // The cold reader: its load reads the old price; the save and the restart come before it stores.
    const cold = await readThrough({
      key: keys.restaurantMenu(slug),
      ttlMs: 60_000,
      load: () => loadRestaurantMenu(db.db, slug),
      afterLoad: async () => {
        const saved = await updateMenuItem({ adminId: admin!.id }, item.id, itemForm(item, after));
        expect(saved).toMatchObject({ status: 'saved', invalidation: { ok: true } });
        await restartEmpty();
      },
    });
    expect(priceIn(cold.value)).toBe(item.pricePaise);

    // Every read after the save answered: the saved price, never the load's.
    for (let read = 0; read < 3; read++) {
      const { value } = await getRestaurantMenu(slug);
      expect(priceIn(value)).toBe(after);
    }
  }, 30_000);
});
