import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { orders } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { outboxSender } from '@/lib/sms/sender';
import { placeOrder } from '@/lib/orders/checkout';
import '@/lib/orders/jobs';
import { reconcileGraceMs, reconcileOrders } from '@/lib/orders/reconcile';
import { advanceOrder } from '@/lib/orders/steps';
import { drainQueues } from '@/lib/queue/drain';
import '@/lib/server/jobs';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';

import { installBackends } from '../support/app-context';
import { testAddress } from '../support/addresses';
import { createTestPglite } from '../support/databases';
import { orderableItem } from '../support/menus';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from '../support/redis-server';
import { IN_CI, uniquePrefix } from '../support/services';

/**
 * Finding 2 of the faults issue: a Redis restarted empty loses every queued step, done marker and
 * "text sent" marker. Orders already past `placed` must still finish, from what Postgres holds, and no
 * customer may get a text twice. A redis-server of the test's own, killed and started again empty.
 */
const canRun = redisServerInstalled() || IN_CI;
if (!canRun) console.warn('[faults-orders] skipped: no redis-server binary on this machine (CI=true makes this a failure)');

describe.skipIf(!canRun)(`orders when Redis restarts empty${canRun ? '' : ' (skipped: no redis-server binary on this machine)'}`, () => {
  let own: OwnRedis;
  let store: RedisStore;
  let db: DatabaseHandle;
  let restaurant: { id: number; slug: string };
  let itemId: number;
  const texts: { to: string; body: string }[] = [];

  beforeAll(async () => {
    own = await startOwnRedis();
    store = createTcpStore({ url: own.url, commandTimeoutMs: 1_000 });
    db = await createTestPglite();
    // Steps a minute apart: nothing moves by itself during the test, only what the test makes run.
    installBackends({ redis: store, database: db, env: { REDIS_KEY_PREFIX: uniquePrefix('faults-orders'), REDIS_TIMEOUT_MS: '1000', ORDER_STEP_DELAY_MS: '60000' } });
    vi.spyOn(outboxSender, 'send').mockImplementation(async (message) => void texts.push({ to: message.to, body: message.body }));
    ({ restaurant, itemId } = await orderableItem(db.db));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await store?.close();
    await own?.stop();
    await db?.close();
  });

  async function place(phone: string): Promise<{ id: string; phone: string }> {
    const customerId = await customerIdFor(phone, db.db);
    await store.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
    const result = await placeOrder({ customerId }, { addressId: await testAddress(db.db, customerId), idempotencyKey: `faults-orders-${phone}-key` });
    if (result.status !== 'placed') throw new Error(result.status);
    return { id: result.order.id, phone };
  }

  const statusOf = async (id: string) => (await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status;

  it('finishes every order, accepted ones included, and texts no one twice', async () => {
    const accepted = await place('919800000101');
    const placed = await place('919800000102');
    await drainQueues({ queues: ['notifications'] });
    await advanceOrder({ orderId: accepted.id, to: 'accepted' });
    await drainQueues({ queues: ['notifications'] });
    expect(await statusOf(accepted.id)).toBe('accepted');
    expect(await statusOf(placed.id)).toBe('placed');

    // Redis dies and comes back empty: queued steps, done markers and sent markers are gone.
    await own.stop();
    await own.start();
    for (let tries = 0; !(await store.ping().then(() => true, () => false)); tries += 1) {
      if (tries > 50) throw new Error('Redis did not answer again');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Time passes: the reconciler runs now and then (each run as if a grace period later), and jobs run.
    let now = Date.now();
    for (let run = 0; run < 8; run += 1) {
      now += reconcileGraceMs() + 1_000;
      const at = now;
      await reconcileOrders({ now: () => at });
      await drainQueues({ queues: ['notifications', 'orders'] });
    }

    expect(await statusOf(accepted.id), 'an accepted order was stranded').toBe('delivered');
    expect(await statusOf(placed.id), 'a placed order was stranded').toBe('delivered');
    for (const order of [accepted, placed]) {
      const bodies = texts.filter((text) => text.to === order.phone).map((text) => text.body);
      expect(new Set(bodies).size, `duplicate texts to ${order.phone}: ${bodies.join(' | ')}`).toBe(bodies.length);
      // None lost either: one text for each of the five statuses.
      expect(bodies).toHaveLength(5);
    }
  }, 30_000);
});
