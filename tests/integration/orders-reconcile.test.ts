import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { menuItems, orders, restaurants } from '@/db/schema';
import { customerKeys, queueKeys } from '@/lib/cache/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { readOutbox } from '@/lib/customers/sms';
import { placeOrder } from '@/lib/orders/checkout';
import {
  confirmationText,
  ORDER_ADVANCE,
  ORDER_CONFIRM,
  ORDER_RECONCILE,
  RECONCILE_EVERY_MS,
  RECONCILE_MAX_AGE_MS,
  RECONCILE_MAX_ATTEMPTS,
  reconcileGraceMs,
  reconcilePlacedOrders,
} from '@/lib/orders/jobs';
import { drainQueues } from '@/lib/queue/drain';
import '@/lib/queue/handlers';
import { recurringJobs } from '@/lib/queue/recurring';
import type { RedisStore } from '@/lib/redis/types';

import { deleteKeysUnder, installBackends } from '../support/app-context';
import { createTestPglite } from '../support/databases';
import { driversUnderTest } from '../support/redis-drivers';
import { uniquePrefix } from '../support/services';

/**
 * The order reconciler (order.reconcile in lib/orders/jobs.ts): orders whose jobs were never
 * enqueued (checkout's enqueue failed after its commit) are found once they have stayed `placed`
 * for the grace period and get their jobs again, with the same idempotency keys, so an order that
 * had its jobs after all is neither texted nor stepped twice. PGlite with each Redis driver.
 */
const drivers = await driversUnderTest();

type Recorded = { queue: string; type: string; idempotencyKey?: string; delayMs?: number };

for (const driver of drivers) {
  describe.skipIf(!driver.available)(`order reconciler on ${driver.name}${driver.available ? '' : ` (skipped: ${driver.skipReason})`}`, () => {
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
      const [open] = await db.db.select({ id: restaurants.id, slug: restaurants.slug }).from(restaurants).where(eq(restaurants.isOpen, true)).limit(1);
      restaurant = open!;
      const [item] = await db.db
        .select({ id: menuItems.id })
        .from(menuItems)
        .where(and(eq(menuItems.restaurantId, restaurant.id), eq(menuItems.available, true)))
        .limit(1);
      itemId = item!.id;
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
      const sessionHash = `${prefix}-session-${customers}`;
      await redis.hset(customerKeys.cart(sessionHash), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const result = await placeOrder(
          { customerId, sessionHash },
          { idempotencyKey: `reconcile-${customers}-${Math.random().toString(36).slice(2)}` },
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
    const textsFor = async (order: { id: string; totalPaise: number }) =>
      (await readOutbox(redis, 500)).filter((message) => message.body === confirmationText(order.id, order.totalPaise)).length;

    async function drainUntilDelivered(id: string): Promise<void> {
      const deadline = Date.now() + 15_000;
      while ((await statusOf(id)) !== 'delivered') {
        if (Date.now() > deadline) throw new Error(`order stuck at ${await statusOf(id)}`);
        await drainQueues({ maxJobs: 20, maxMs: 2_000 });
      }
    }

    it('is a recurring job on the orders queue', () => {
      expect(recurringJobs().get(ORDER_RECONCILE)).toMatchObject({ queue: 'orders', type: ORDER_RECONCILE, everyMs: RECONCILE_EVERY_MS });
    });

    it('re-enqueues an order whose jobs were lost, once the grace period has passed, with the same keys', async () => {
      const order = await placed(true);
      const recorded: Recorded[] = [];
      const record = async (queue: string, job: { type: string; idempotencyKey?: string }, options?: { delayMs?: number }) =>
        void recorded.push({ queue, type: job.type, idempotencyKey: job.idempotencyKey, delayMs: options?.delayMs });

      // Within the grace period: its first step may simply not have run yet.
      expect(await reconcilePlacedOrders({ enqueue: record, now: () => Date.now() + reconcileGraceMs() - 5_000 })).not.toContain(order.id);
      expect(recorded).toEqual([]);

      expect(await reconcilePlacedOrders({ enqueue: record, now: afterGrace })).toContain(order.id);
      expect(recorded.filter((job) => job.idempotencyKey?.startsWith(`order:${order.id}:`))).toEqual([
        { queue: 'notifications', type: ORDER_CONFIRM, idempotencyKey: `order:${order.id}:confirm`, delayMs: undefined },
        { queue: 'orders', type: ORDER_ADVANCE, idempotencyKey: `order:${order.id}:advance:accepted`, delayMs: 20 },
      ]);
    });

    it('through the real queue: a recovered order reaches delivered with one text', async () => {
      const order = await placed(true);
      expect(await statusOf(order.id)).toBe('placed');
      expect(await reconcilePlacedOrders({ now: afterGrace })).toContain(order.id);
      // A second run before the jobs ran enqueues copies: absorbed by the done markers.
      expect(await reconcilePlacedOrders({ now: afterGrace })).toContain(order.id);
      await drainUntilDelivered(order.id);
      expect(await textsFor(order)).toBe(1);
    });

    it(`re-enqueues one order at most ${RECONCILE_MAX_ATTEMPTS} times: jobs that keep failing are the dead letters' to show`, async () => {
      const order = await placed(true);
      const enqueued: string[] = [];
      const record = async (_queue: string, job: { idempotencyKey?: string }) => void enqueued.push(job.idempotencyKey ?? '');
      const runs: boolean[] = [];
      for (let run = 0; run < RECONCILE_MAX_ATTEMPTS + 2; run += 1) {
        runs.push((await reconcilePlacedOrders({ enqueue: record, now: afterGrace })).includes(order.id));
      }
      expect(runs).toEqual([...Array<boolean>(RECONCILE_MAX_ATTEMPTS).fill(true), false, false]);
      expect(enqueued.filter((key) => key === `order:${order.id}:confirm`)).toHaveLength(RECONCILE_MAX_ATTEMPTS);
    });

    it('the confirmation marker alone still prevents a second text', async () => {
      // An order whose confirmation went out but whose first step was lost.
      const order = await placed(false);
      await redis.del([queueKeys.delayed('orders')]);
      await drainQueues({ queues: ['notifications'] });
      expect(await textsFor(order)).toBe(1);
      expect(await statusOf(order.id)).toBe('placed');
      // Without the queue's done marker (expired, say), only the confirmation marker is left to stop a second text.
      await redis.del([queueKeys.done('notifications', `order:${order.id}:confirm`)]);

      expect(await reconcilePlacedOrders({ now: afterGrace })).toContain(order.id);
      await drainUntilDelivered(order.id);
      expect(await textsFor(order)).toBe(1);
    });

    it('leaves orders that moved on, and orders older than its window, alone', async () => {
      const stuck = await placed(true);
      const movedOn = await placed(true);
      await db.db.update(orders).set({ status: 'accepted' }).where(eq(orders.id, movedOn.id));
      const ancient = await placed(true);
      await db.db
        .update(orders)
        .set({ createdAt: sql`now() - make_interval(secs => ${(RECONCILE_MAX_AGE_MS + 60_000) / 1000})` })
        .where(eq(orders.id, ancient.id));
      const found = await reconcilePlacedOrders({ enqueue: async () => {}, now: afterGrace });
      expect(found).toContain(stuck.id);
      expect(found).not.toContain(movedOn.id);
      expect(found).not.toContain(ancient.id);
    });
  });
}
