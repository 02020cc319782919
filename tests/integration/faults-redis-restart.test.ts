import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, cities, menuItems, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { readThrough } from '@/lib/cache/read-through';
import { readFavouriteState } from '@/lib/favourites/menu-state';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { updateMenuItem } from '@/lib/menus/mutations';
import { loadRestaurantMenu } from '@/lib/menus/queries';
import { getPage, setPage } from '@/lib/page-cache/handler';
import { sharedPathOf } from '@/lib/page-cache/paths';
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
 * replayed the save (about 2 s; not started here). docs/decisions/004 (amendment). The shared page
 * cache did the same with a render begun while none of its generations was in Redis (decision 046's
 * amendment).
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

  async function someItem(offset: number) {
    const [row] = await db.db
      .select({ item: menuItems, slug: restaurants.slug, city: cities.slug })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .orderBy(restaurants.id, menuItems.id)
      .offset(offset)
      .limit(1);
    return row!;
  }

  it('a save made while a cold entry loads is never undone by the load, when Redis restarts empty before it stores', async () => {
    const { item, slug } = await someItem(0);
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

  it('a menu page rendered from an entry a save replaced is not served after Redis restarts empty under it', async () => {
    // Another restaurant: the test above left its menu's entry and tokens behind.
    const { item, slug, city } = await someItem(60);
    const [admin] = await db.db.insert(admins).values({ email: 'faults-restart-page@thali.test', name: 'Restart', passwordHash: 'unused' }).returning({ id: admins.id });
    const path = sharedPathOf({ kind: 'menu', city, restaurant: slug });
    const storageKey = `/route-cache/APP_PAGE/faults/$${path}`;
    await restartEmpty();

    // A request misses (no token in Redis at all) and Next renders; another instance loads the menu and
    // its heart meanwhile, so the render reads them as HITs, which a page needs to be kept.
    expect(await getPage(storageKey, 'APP_PAGE')).toBeNull();
    await Promise.all([getRestaurantMenu(slug), readFavouriteState(slug, null)]);
    const [{ value: menu, cache }, favourite] = await Promise.all([getRestaurantMenu(slug), readFavouriteState(slug, null)]);
    expect({ status: cache.status, favourite: favourite !== null }).toEqual({ status: 'HIT', favourite: true });
    const html = `price ${menu!.categories.flatMap((c) => c.items).find((i) => i.id === item.id)!.pricePaise}`;

    // The save lands during the render, and Redis restarts empty before Next stores it.
    const after = item.pricePaise + 900;
    expect(await updateMenuItem({ adminId: admin!.id }, item.id, itemForm(item, after))).toMatchObject({ status: 'saved', invalidation: { ok: true } });
    await restartEmpty();
    await setPage(storageKey, { kind: 'APP_PAGE', html, rscData: Buffer.from(html), headers: {}, postponed: undefined, status: 200, segmentData: undefined });

    const served = await getPage(storageKey, 'APP_PAGE');
    expect(served?.value.html ?? 'rendered again').toBe('rendered again');
  }, 30_000);
});
