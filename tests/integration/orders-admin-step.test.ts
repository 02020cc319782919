import { ne } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';

import { admins, restaurants } from '@/db/schema';
import { advanceOrderForRestaurant } from '@/lib/orders/admin-step';
import { cancelOrder } from '@/lib/orders/cancel';
import '@/lib/orders/jobs';
import { advanceOrder } from '@/lib/orders/steps';
import '@/lib/server/jobs';

import { orderBackends } from '../support/order-backends';
import { noJobs, orderSuite, rowLockRace } from '../support/order-suite';

/**
 * A restaurant's admin moves an order on a step (lib/orders/admin-step.ts) through the worker's own
 * conditional step (steps.ts), so an admin's click and the order's timer job never both make a step
 * nor lose one, and the customer's text for it goes out once. A stale click (the timer got there
 * first, the customer cancelled) is told so and changes nothing; an order of another restaurant or a
 * malformed form changes nothing. On PGlite with every Redis driver, and on real Postgres (two
 * connections, the race held at a row lock) with TCP Redis.
 */
const backends = await orderBackends('orders_admin_step');

for (const backend of backends) {
  describe.skipIf(!backend.available)(`an admin moving an order on, on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    const suite = orderSuite(backend, 'orders-admin-step', '9196');
    const { placed, statusOf, eventsOf, textsFor, drainAll, auditOf } = suite;

    const step = (orderId: string, to: string, deps: Parameters<typeof advanceOrderForRestaurant>[2] = { enqueue: noJobs }) =>
      advanceOrderForRestaurant(suite.restaurant.slug, { orderId, to }, deps);

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

    it('an admin’s step is audited in its own transaction; a stale click and the timer’s step write no entry', async () => {
      const [admin] = await suite.db.db
        .insert(admins)
        .values({ email: `step-${Math.random().toString(36).slice(2)}@thali.test`, name: 'Step', passwordHash: 'unused' })
        .returning({ id: admins.id });
      const actor = { adminId: admin!.id };
      const order = await placed();
      expect(await advanceOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, to: 'accepted' }, { enqueue: noJobs }, actor)).toEqual({ status: 'moved', to: 'accepted' });
      expect(await advanceOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, to: 'accepted' }, { enqueue: noJobs }, actor)).toEqual({ status: 'already', to: 'accepted' });
      expect(await advanceOrder({ orderId: order.id, to: 'preparing' }, { enqueue: noJobs })).toMatchObject({ status: 'advanced' });
      expect(await auditOf(order.id)).toEqual([{ adminId: admin!.id, action: 'order.step', restaurantId: suite.restaurant.id, changes: { status: { from: 'placed', to: 'accepted' } } }]);

      // An entry that can't be written (no such admin) takes the step back with it: never one without the other.
      const unaudited = await placed();
      await expect(advanceOrderForRestaurant(suite.restaurant.slug, { orderId: unaudited.id, to: 'accepted' }, { enqueue: noJobs }, { adminId: 2_000_000_000 })).rejects.toThrow();
      expect(await statusOf(unaudited.id)).toBe('placed');
      expect(await auditOf(unaudited.id)).toEqual([]);
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
      const [other] = await suite.db.db.select({ slug: restaurants.slug }).from(restaurants).where(ne(restaurants.id, suite.restaurant.id)).limit(1);
      expect(await advanceOrderForRestaurant(other!.slug, { orderId: order.id, to: 'accepted' }, { enqueue: noJobs })).toEqual({ status: 'not-found' });
      expect(await step('AAAAAAAAAAAAAAAAAAAAAA', 'accepted')).toEqual({ status: 'not-found' });
      for (const to of ['placed', 'cancelled', '', 'ACCEPTED', undefined, 7]) {
        expect(await advanceOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, to }, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      for (const orderId of ['', 'x', `${order.id}x`, `${order.id.slice(0, 21)}'`, 'a'.repeat(30_000), undefined, null]) {
        expect(await advanceOrderForRestaurant(suite.restaurant.slug, { orderId, to: 'accepted' }, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      for (const input of [null, undefined, 'accepted', [], {}]) {
        expect(await advanceOrderForRestaurant(suite.restaurant.slug, input, { enqueue: noJobs })).toEqual({ status: 'invalid' });
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
      const instances = rowLockRace(() => suite.db.url!);

      it('admin against the timer’s job: exactly one makes the step, in either order of arrival, and the other is told "already"', async () => {
        const wins = { admin: 0, timer: 0 };
        for (let round = 0; round < 10; round += 1) {
          const order = await placed();
          const admin = () => advanceOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, to: 'accepted' }, { db: suite.db.db, enqueue: noJobs });
          const timer = () => advanceOrder({ orderId: order.id, to: 'accepted' }, { db: instances.second.db, enqueue: noJobs });
          // Arriving at the lock in turn: the admin first in even rounds, the timer in odd ones.
          const [adminOutcome, timerOutcome] = await instances.race(order.id, admin, timer, round % 2 === 0);
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
