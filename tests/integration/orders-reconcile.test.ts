import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { readOutbox } from '@/lib/sms/sender';
import { placeOrder } from '@/lib/orders/checkout';
import { ORDER_ADVANCE, ORDER_NOTIFY, ORDER_RECONCILE, RECONCILE_EVERY_MS } from '@/lib/orders/job-types';
import '@/lib/orders/jobs';
import { reconcileGraceMs, reconcileOrders } from '@/lib/orders/reconcile';
import { notifyOrder, TEXT_MAX_DELAY_MS } from '@/lib/orders/texts';
import { drainQueues } from '@/lib/queue/drain';
import '@/lib/server/jobs';
import { recurringJobs } from '@/lib/queue/recurring';
import type { RedisStore } from '@/lib/redis/types';

import { deleteKeysUnder, installBackends } from '../support/app-context';
import { testAddress } from '../support/addresses';
import { createTestPglite } from '../support/databases';
import { orderableItem } from '../support/menus';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * The order reconciler (lib/orders/reconcile.ts): an order in any status whose next step is overdue
 * (its jobs were never enqueued, or Redis lost them) is moved on from what Postgres holds, a step per
 * run, and a step whose text job was lost gets a new one; the claims in Postgres keep every text to
 * one. PGlite with each Redis driver.
 */

type Recorded = { queue: string; type: string; idempotencyKey?: string; delayMs?: number };
const recorder = () => {
  const recorded: Recorded[] = [];
  const record = async (queue: string, job: { type: string; idempotencyKey?: string }, options?: { delayMs?: number }) =>
    void recorded.push({ queue, type: job.type, idempotencyKey: job.idempotencyKey, delayMs: options?.delayMs });
  return { recorded, record };
};

await describeEachDriver('order reconciler', (driver) => {
  const prefix = uniquePrefix(`orders-reconcile-${driver.name}`);
  let db: DatabaseHandle;
  let redis: RedisStore;
  let restaurant: { id: number; slug: string };
  let itemId: number;
  let customers = 0;

  beforeAll(async () => {
    db = await createTestPglite();
    redis = await driver.create();
    installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000', ORDER_STEP_DELAY_MS: '20' } });
    ({ restaurant, itemId } = await orderableItem(db.db));
  });
  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    await redis.close();
    await driver.cleanup();
    await db.close();
  });

  /** Places an order; `failEnqueue` makes its jobs' enqueue fail after the commit, as a Redis outage would. */
  async function placed(failEnqueue: boolean): Promise<{ id: string; totalPaise: number }> {
    customers += 1;
    const customerId = await customerIdFor(`9198${String(customers).padStart(6, '0')}${Math.floor(Math.random() * 90 + 10)}`, db.db);
    await redis.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await placeOrder(
        { customerId },
        { addressId: await testAddress(db.db, customerId), idempotencyKey: `reconcile-${customers}-${Math.random().toString(36).slice(2)}` },
        failEnqueue ? { enqueue: async () => Promise.reject(new Error('Redis is down')) } : {},
      );
      if (result.status !== 'placed') throw new Error(result.status);
      if (failEnqueue) expect(error.mock.calls.some(([line]) => String(line).includes('the reconciler will retry'))).toBe(true);
      return { id: result.order.id, totalPaise: result.order.totalPaise };
    } finally {
      error.mockRestore();
    }
  }

  const statusOf = async (id: string) => (await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status;
  const afterGrace = () => Date.now() + reconcileGraceMs() + 1_000;
  /** The texts sent to this order's customer, as the demo outbox holds them. */
  const textsFor = async (order: { id: string }) =>
    (await readOutbox(redis, 500)).filter((message) => message.body.includes(`#${order.id.slice(0, 8)}`)).map((message) => message.body);

  async function drainUntilDelivered(id: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while ((await statusOf(id)) !== 'delivered') {
      if (Date.now() > deadline) throw new Error(`order stuck at ${await statusOf(id)}`);
      await drainQueues({ maxJobs: 20, maxMs: 2_000 });
    }
    await drainQueues({ queues: ['notifications'], maxJobs: 20 });
  }

  it('is a recurring job on the orders queue', () => {
    expect(recurringJobs().get(ORDER_RECONCILE)).toMatchObject({ queue: 'orders', type: ORDER_RECONCILE, everyMs: RECONCILE_EVERY_MS });
  });

  it('moves an order whose jobs were lost one step, once the grace period has passed, with its text and next step', async () => {
    const order = await placed(true);
    const { recorded, record } = recorder();

    // Within the grace period: its first step may simply not have run yet.
    expect((await reconcileOrders({ enqueue: record, now: () => Date.now() + reconcileGraceMs() - 5_000 })).advanced).not.toContain(order.id);
    expect(recorded.filter((job) => job.idempotencyKey?.startsWith(`order:${order.id}:`))).toEqual([]);

    expect((await reconcileOrders({ enqueue: record, now: afterGrace })).advanced).toContain(order.id);
    expect(await statusOf(order.id)).toBe('accepted');
    expect(recorded.filter((job) => job.idempotencyKey?.startsWith(`order:${order.id}:`))).toEqual([
      // The "placed" text's job was lost too: a new one.
      { queue: 'notifications', type: ORDER_NOTIFY, idempotencyKey: `order:${order.id}:notify:placed`, delayMs: undefined },
      { queue: 'notifications', type: ORDER_NOTIFY, idempotencyKey: `order:${order.id}:notify:accepted`, delayMs: undefined },
      { queue: 'orders', type: ORDER_ADVANCE, idempotencyKey: `order:${order.id}:advance:preparing`, delayMs: 20 },
    ]);
  });

  it('resumes orders in any status, not only placed ones, and leaves delivered ones alone', async () => {
    const ids: Record<string, string> = {};
    for (const status of ['accepted', 'preparing', 'out_for_delivery', 'delivered'] as const) {
      const order = await placed(true);
      await db.db.update(orders).set({ status }).where(eq(orders.id, order.id));
      ids[status] = order.id;
    }
    const { advanced } = await reconcileOrders({ enqueue: async () => {}, now: afterGrace });
    expect(advanced).toEqual(expect.arrayContaining([ids.accepted, ids.preparing, ids.out_for_delivery]));
    expect(advanced).not.toContain(ids.delivered);
    expect(await statusOf(ids.accepted!)).toBe('preparing');
    expect(await statusOf(ids.preparing!)).toBe('out_for_delivery');
    expect(await statusOf(ids.out_for_delivery!)).toBe('delivered');
    expect(await statusOf(ids.delivered!)).toBe('delivered');
  });

  it('through the real queue: a recovered order reaches delivered with one text per status, however often it runs', async () => {
    const order = await placed(true);
    expect(await statusOf(order.id)).toBe('placed');
    expect((await reconcileOrders({ now: afterGrace })).advanced).toContain(order.id);
    // A second run before the jobs ran: nothing to move (the order moved), texts already have jobs.
    await reconcileOrders({ now: afterGrace });
    await drainUntilDelivered(order.id);
    await reconcileOrders({ now: () => Date.now() + 2 * 60_000 });
    await drainQueues({ queues: ['notifications'] });
    const texts = await textsFor(order);
    expect(texts).toHaveLength(5);
    expect(new Set(texts).size).toBe(5);
  });

  it('gives a lost text a new job, but never one already claimed, nor one too late to be worth sending', async () => {
    const order = await placed(true);
    const late = await placed(true);
    await db.db
      .update(orderEvents)
      .set({ at: sql`now() - make_interval(secs => ${(TEXT_MAX_DELAY_MS + 60_000) / 1000})` })
      .where(eq(orderEvents.orderId, late.id));
    const { recorded, record } = recorder();
    const report = await reconcileOrders({ enqueue: record, now: () => Date.now() + 2 * 60_000 });
    expect(report.texts).toContain(`${order.id}:placed`);
    expect(report.texts).not.toContain(`${late.id}:placed`);

    // Its job runs and claims it: later runs leave it alone.
    expect(await notifyOrder({ orderId: order.id, status: 'placed' })).toBe('sent');
    const again = await reconcileOrders({ enqueue: record, now: () => Date.now() + 2 * 60_000 });
    expect(again.texts).not.toContain(`${order.id}:placed`);
    expect(recorded.filter((job) => job.idempotencyKey === `order:${order.id}:notify:placed`)).toHaveLength(1);
  });
});
