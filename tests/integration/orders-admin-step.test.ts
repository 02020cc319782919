import { eq, ne } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { connectPostgres, type DatabaseHandle } from '@/db/client';
import { orderEvents, orders, restaurants } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { advanceOrderForRestaurant } from '@/lib/orders/admin-step';
import { cancelOrder } from '@/lib/orders/cancel';
import { placeOrder } from '@/lib/orders/checkout';
import '@/lib/orders/jobs';
import { advanceOrder } from '@/lib/orders/steps';
import { drainQueues } from '@/lib/queue/drain';
import '@/lib/server/jobs';
import { readOutbox } from '@/lib/sms/sender';
import type { RedisStore } from '@/lib/redis/types';

import { testAddress } from '../support/addresses';
import { deleteKeysUnder, installBackends } from '../support/app-context';
import { orderableItem } from '../support/menus';
import { orderBackends } from '../support/order-backends';
import { uniquePrefix } from '../support/services';

/**
 * A restaurant's admin moves an order on a step (lib/orders/admin-step.ts) through the worker's own
 * conditional step (steps.ts), so an admin's click and the order's timer job never both make a step
 * nor lose one, and the customer's text for it goes out once. A stale click (the timer got there
 * first, the customer cancelled) is told so and changes nothing; an order of another restaurant or a
 * malformed form changes nothing. On PGlite with every Redis driver, and on real Postgres (two
 * connections, the race held at a row lock) with TCP Redis.
 */
const backends = await orderBackends('orders_admin_step');

const noJobs = async () => {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends) {
  describe.skipIf(!backend.available)(`an admin moving an order on, on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    const prefix = uniquePrefix('orders-admin-step');
    let db: DatabaseHandle & { url?: string };
    let redis: RedisStore;
    let restaurant: { id: number; slug: string };
    let itemId: number;
    let customers = 0;

    beforeAll(async () => {
      ({ db, redis } = await backend.create());
      installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000', ORDER_STEP_DELAY_MS: '20' } });
      ({ restaurant, itemId } = await orderableItem(db.db));
    });
    afterAll(async () => {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
      await backend.cleanup();
      await db.close();
    });

    async function placed({ realJobs = false } = {}): Promise<{ id: string; customerId: number }> {
      customers += 1;
      const customerId = await customerIdFor(`9196${String(customers).padStart(6, '0')}${Math.floor(Math.random() * 90 + 10)}`, db.db);
      await redis.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
      const result = await placeOrder(
        { customerId },
        { addressId: await testAddress(db.db, customerId), idempotencyKey: `admin-step-${Math.random().toString(36).slice(2)}` },
        realJobs ? {} : { enqueue: noJobs },
      );
      if (result.status !== 'placed') throw new Error(result.status);
      return { id: result.order.id, customerId };
    }

    const step = (orderId: string, to: string, deps: Parameters<typeof advanceOrderForRestaurant>[2] = { enqueue: noJobs }) =>
      advanceOrderForRestaurant(restaurant.slug, { orderId, to }, deps);
    const statusOf = async (id: string) => (await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status;
    const eventsOf = async (id: string) =>
      (await db.db.select({ status: orderEvents.status }).from(orderEvents).where(eq(orderEvents.orderId, id))).map((event) => event.status).sort();
    const textsFor = async (id: string) => (await readOutbox(redis, 500)).filter((message) => message.body.includes(`#${id.slice(0, 8)}`)).map((message) => message.body);

    async function drainAll(): Promise<void> {
      for (let round = 0; round < 8; round += 1) {
        await sleep(40); // past ORDER_STEP_DELAY_MS: the next delayed step is due
        await drainQueues({ maxJobs: 50, maxMs: 2_000 });
      }
    }

    it('accepts a placed order; the timer’s own "accepted" job then changes nothing, and each status is texted once', async () => {
      const order = await placed({ realJobs: true });
      expect(await step(order.id, 'accepted', {})).toEqual({ status: 'moved', to: 'accepted' });
      expect(await statusOf(order.id)).toBe('accepted');
      // The checkout's delayed "accepted" job, the admin's text and next step, and the steps after it all run.
      await drainAll();
      expect(await statusOf(order.id)).toBe('delivered');
      expect(await eventsOf(order.id)).toEqual(['accepted', 'delivered', 'out_for_delivery', 'placed', 'preparing']);
      const texts = await textsFor(order.id);
      expect(texts.filter((text) => text.includes('accepted order'))).toHaveLength(1);
      expect(texts).toHaveLength(5);
    });

    it('a stale click is told what happened and changes nothing: already accepted, moved past, cancelled, not yet', async () => {
      const timerFirst = await placed();
      expect(await advanceOrder({ orderId: timerFirst.id, to: 'accepted' }, { enqueue: noJobs })).toMatchObject({ status: 'advanced' });
      expect(await step(timerFirst.id, 'accepted')).toEqual({ status: 'already', to: 'accepted' });
      expect(await advanceOrder({ orderId: timerFirst.id, to: 'preparing' }, { enqueue: noJobs })).toMatchObject({ status: 'advanced' });
      expect(await step(timerFirst.id, 'accepted')).toEqual({ status: 'moved-on', current: 'preparing', to: 'accepted' });
      expect(await statusOf(timerFirst.id)).toBe('preparing');
      expect(await eventsOf(timerFirst.id)).toEqual(['accepted', 'placed', 'preparing']);

      const cancelled = await placed();
      expect(await cancelOrder(cancelled.customerId, cancelled.id, { enqueue: noJobs })).toEqual({ status: 'cancelled' });
      expect(await step(cancelled.id, 'accepted')).toEqual({ status: 'moved-on', current: 'cancelled', to: 'accepted' });
      expect(await statusOf(cancelled.id)).toBe('cancelled');

      const fresh = await placed();
      const enqueued: string[] = [];
      const record = async (_queue: string, job: { idempotencyKey?: string }) => void enqueued.push(job.idempotencyKey ?? '');
      expect(await step(fresh.id, 'delivered', { enqueue: record })).toEqual({ status: 'not-yet', current: 'placed', to: 'delivered' });
      expect(await statusOf(fresh.id)).toBe('placed');
      expect(await eventsOf(fresh.id)).toEqual(['placed']);
      expect(enqueued).toEqual([]);
    });

    it('another restaurant’s order and malformed forms change nothing', async () => {
      const order = await placed();
      const [other] = await db.db.select({ slug: restaurants.slug }).from(restaurants).where(ne(restaurants.id, restaurant.id)).limit(1);
      expect(await advanceOrderForRestaurant(other!.slug, { orderId: order.id, to: 'accepted' }, { enqueue: noJobs })).toEqual({ status: 'not-found' });
      expect(await step('AAAAAAAAAAAAAAAAAAAAAA', 'accepted')).toEqual({ status: 'not-found' });
      for (const to of ['placed', 'cancelled', '', 'ACCEPTED', undefined, 7]) {
        expect(await advanceOrderForRestaurant(restaurant.slug, { orderId: order.id, to }, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      for (const orderId of ['', 'x', `${order.id}x`, `${order.id.slice(0, 21)}'`, 'a'.repeat(30_000), undefined, null]) {
        expect(await advanceOrderForRestaurant(restaurant.slug, { orderId, to: 'accepted' }, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      for (const input of [null, undefined, 'accepted', [], {}]) {
        expect(await advanceOrderForRestaurant(restaurant.slug, input, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      expect(await statusOf(order.id)).toBe('placed');
      expect(await eventsOf(order.id)).toEqual(['placed']);
    });

    it('Redis refusing the text’s job does not undo the step (the reconciler sends it later)', async () => {
      const order = await placed();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const down = async () => Promise.reject(new Error('Redis is down'));
        expect(await step(order.id, 'accepted', { enqueue: down })).toEqual({ status: 'moved', to: 'accepted' });
        expect(warn.mock.calls.some(([line]) => String(line).includes('the reconciler will retry'))).toBe(true);
      } finally {
        warn.mockRestore();
      }
      expect(await statusOf(order.id)).toBe('accepted');
      expect(await eventsOf(order.id)).toEqual(['accepted', 'placed']);
    });

    it('an admin and the timer at once, many times: each step is made once', async () => {
      const placedOrders = await Promise.all(Array.from({ length: 8 }, () => placed()));
      const results = await Promise.all(
        placedOrders.map(async (order) => {
          const [admin, timer] = await Promise.all([step(order.id, 'accepted'), advanceOrder({ orderId: order.id, to: 'accepted' }, { enqueue: noJobs })]);
          return { order, admin, timer };
        }),
      );
      for (const { order, admin, timer } of results) {
        expect((admin.status === 'moved') !== (timer.status === 'advanced'), JSON.stringify({ admin, timer })).toBe(true);
        expect(await eventsOf(order.id)).toEqual(['accepted', 'placed']);
      }
    });

    describe.skipIf(backend.name.startsWith('PGlite'))('on two connections (two instances), the race held at a row lock', () => {
      let second: DatabaseHandle;
      let locker: postgres.Sql;
      beforeAll(() => {
        second = connectPostgres(db.url!);
        locker = postgres(db.url!, { max: 1, onnotice: () => {} });
      });
      afterAll(async () => {
        await second?.close();
        await locker?.end();
      });

      it('admin against the timer’s job: exactly one makes the step, in either order of arrival, and the other is told "already"', async () => {
        const wins = { admin: 0, timer: 0 };
        for (let round = 0; round < 10; round += 1) {
          const order = await placed();
          let admin!: ReturnType<typeof advanceOrderForRestaurant>;
          let timer!: ReturnType<typeof advanceOrder>;
          await locker.begin(async (tx) => {
            await tx`select 1 from orders where id = ${order.id} for update`;
            const startAdmin = () => (admin = advanceOrderForRestaurant(restaurant.slug, { orderId: order.id, to: 'accepted' }, { db: db.db, enqueue: noJobs }));
            const startTimer = () => (timer = advanceOrder({ orderId: order.id, to: 'accepted' }, { db: second.db, enqueue: noJobs }));
            if (round % 2 === 0) startAdmin();
            else startTimer();
            await sleep(30);
            if (round % 2 === 0) startTimer();
            else startAdmin();
            await sleep(60);
          });
          const [adminOutcome, timerOutcome] = [await admin, await timer];
          const adminWon = adminOutcome.status === 'moved';
          expect(adminWon !== (timerOutcome.status === 'advanced'), JSON.stringify({ adminOutcome, timerOutcome })).toBe(true);
          if (adminWon) expect(timerOutcome.status).toBe('already');
          else expect(adminOutcome).toEqual({ status: 'already', to: 'accepted' });
          expect(await eventsOf(order.id)).toEqual(['accepted', 'placed']);
          wins[adminWon ? 'admin' : 'timer'] += 1;
        }
        expect(wins.admin).toBeGreaterThan(0);
        expect(wins.timer).toBeGreaterThan(0);
      });
    });
  });
}
