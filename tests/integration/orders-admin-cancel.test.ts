import { eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { admins, orders, restaurants } from '@/db/schema';
import { cancelOrderForRestaurant } from '@/lib/orders/admin-cancel';
import { cancelOrder } from '@/lib/orders/cancel';
import '@/lib/orders/jobs';
import { loadOwnOrder } from '@/lib/orders/queries';
import { advanceOrder } from '@/lib/orders/steps';
import '@/lib/server/jobs';

import { orderBackends } from '../support/order-backends';
import { noJobs, orderSuite, rowLockRace, type PlacedOrder } from '../support/order-suite';

/**
 * A restaurant's admin cancels an order with a reason (lib/orders/admin-cancel.ts), while it is
 * placed or accepted, through the customer's own conditional cancel (cancel.ts commitCancel). So an
 * admin's cancel, the customer's cancel and the timer's next step never both win: whichever commits
 * second matches no row and is told so. The customer sees the reason on their order page and in one
 * text; a cancelled order never moves again. On PGlite with every Redis driver, and on real Postgres
 * (two connections, the race held at a row lock) with TCP Redis.
 */
const backends = await orderBackends('orders_admin_cancel');

const REASON = 'Paneer ran out';

for (const backend of backends) {
  describe.skipIf(!backend.available)(`an admin cancelling an order, on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    const suite = orderSuite(backend, 'orders-admin-cancel', '9195');
    const { placed, eventsOf, textsFor, drainAll, auditOf } = suite;

    async function accepted(): Promise<PlacedOrder> {
      const order = await placed();
      expect(await advanceOrder({ orderId: order.id, to: 'accepted' }, { enqueue: noJobs })).toMatchObject({ status: 'advanced' });
      return order;
    }

    const cancel = (orderId: string, reason: unknown = REASON, deps: Parameters<typeof cancelOrderForRestaurant>[2] = { enqueue: noJobs }) =>
      cancelOrderForRestaurant(suite.restaurant.slug, { orderId, reason }, deps);
    const rowOf = async (id: string) =>
      (await suite.db.db.select({ status: orders.status, reason: orders.cancelReason }).from(orders).where(eq(orders.id, id)))[0]!;

    it('cancels a placed order with its reason: it never moves again, the customer sees the reason and gets one text with it', async () => {
      const order = await placed({ realJobs: true });
      expect(await cancel(order.id, '  Paneer   ran out. ', {})).toEqual({ status: 'cancelled' });
      expect(await rowOf(order.id)).toEqual({ status: 'cancelled', reason: REASON });
      // Checkout's "placed" text and delayed "accepted" step, and the cancel's text, all run.
      await drainAll();
      expect(await rowOf(order.id)).toEqual({ status: 'cancelled', reason: REASON });
      expect(await eventsOf(order.id)).toEqual(['cancelled', 'placed']);
      const texts = await textsFor(order.id);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain(`cancelled order #${order.id.slice(0, 8)}: ${REASON}.`);
      expect((await loadOwnOrder(order.customerId, order.id, suite.db.db))?.cancelReason).toBe(REASON);
    });

    it('an admin’s cancel is audited in its own transaction, with its reason; a refused one writes no entry', async () => {
      const [admin] = await suite.db.db
        .insert(admins)
        .values({ email: `cancel-${Math.random().toString(36).slice(2)}@thali.test`, name: 'Cancel', passwordHash: 'unused' })
        .returning({ id: admins.id });
      const actor = { adminId: admin!.id };
      const order = await placed();
      expect(await cancelOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, reason: REASON }, { enqueue: noJobs }, actor)).toEqual({ status: 'cancelled' });
      expect(await cancelOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, reason: REASON }, { enqueue: noJobs }, actor)).toMatchObject({ status: 'already-cancelled' });
      expect(await auditOf(order.id)).toEqual([{ adminId: admin!.id, action: 'order.cancel', restaurantId: suite.restaurant.id, changes: { reason: REASON } }]);

      // An entry that can't be written (no such admin) takes the cancel back with it: never one without the other.
      const unaudited = await placed();
      await expect(cancelOrderForRestaurant(suite.restaurant.slug, { orderId: unaudited.id, reason: REASON }, { enqueue: noJobs }, { adminId: 2_000_000_000 })).rejects.toThrow();
      expect(await rowOf(unaudited.id)).toEqual({ status: 'placed', reason: null });
      expect(await auditOf(unaudited.id)).toEqual([]);
    });

    it('cancels an accepted order; its pending "preparing" step then changes nothing', async () => {
      const order = await accepted();
      expect(await cancel(order.id)).toEqual({ status: 'cancelled' });
      expect(await advanceOrder({ orderId: order.id, to: 'preparing' }, { enqueue: noJobs })).toEqual({ status: 'stale' });
      expect(await rowOf(order.id)).toEqual({ status: 'cancelled', reason: REASON });
      expect(await eventsOf(order.id)).toEqual(['accepted', 'cancelled', 'placed']);
    });

    it('is refused once the food is being prepared, and after any cancel, changing nothing', async () => {
      const preparing = await accepted();
      await advanceOrder({ orderId: preparing.id, to: 'preparing' }, { enqueue: noJobs });
      expect(await cancel(preparing.id)).toEqual({ status: 'too-late', current: 'preparing' });
      expect(await rowOf(preparing.id)).toEqual({ status: 'preparing', reason: null });

      const byCustomer = await placed();
      expect(await cancelOrder(byCustomer.customerId, byCustomer.id, { enqueue: noJobs })).toEqual({ status: 'cancelled' });
      expect(await cancel(byCustomer.id)).toEqual({ status: 'already-cancelled', byCustomer: true });
      expect(await rowOf(byCustomer.id)).toEqual({ status: 'cancelled', reason: null });

      const twice = await placed();
      expect(await cancel(twice.id)).toEqual({ status: 'cancelled' });
      expect(await cancel(twice.id, 'Another reason')).toEqual({ status: 'already-cancelled', byCustomer: false });
      expect(await rowOf(twice.id)).toEqual({ status: 'cancelled', reason: REASON });
      // The customer, late, is told it is cancelled (the page then shows the restaurant's reason).
      expect(await cancelOrder(twice.customerId, twice.id, { enqueue: noJobs })).toEqual({ status: 'already-cancelled' });
    });

    it('a bad reason, a malformed form or another restaurant’s order changes nothing', async () => {
      const order = await placed();
      for (const reason of ['', '  ', 'ab', ' a   ', '...', 'ab.', 'x'.repeat(121), undefined, null, 7, ['Paneer ran out']]) {
        expect(await cancelOrderForRestaurant(suite.restaurant.slug, { orderId: order.id, reason }, { enqueue: noJobs }), String(reason)).toEqual({ status: 'bad-reason' });
      }
      for (const orderId of ['', 'x', `${order.id}x`, 'a'.repeat(30_000), undefined, null]) {
        expect(await cancelOrderForRestaurant(suite.restaurant.slug, { orderId, reason: REASON }, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      for (const input of [null, undefined, 'cancel', [], {}]) {
        expect(await cancelOrderForRestaurant(suite.restaurant.slug, input, { enqueue: noJobs })).toEqual({ status: 'invalid' });
      }
      const [other] = await suite.db.db.select({ slug: restaurants.slug }).from(restaurants).where(ne(restaurants.id, suite.restaurant.id)).limit(1);
      expect(await cancelOrderForRestaurant(other!.slug, { orderId: order.id, reason: REASON }, { enqueue: noJobs })).toEqual({ status: 'not-found' });
      expect(await cancelOrderForRestaurant('no-such-place', { orderId: order.id, reason: REASON }, { enqueue: noJobs })).toEqual({ status: 'not-found' });
      expect(await cancel('AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ status: 'not-found' });
      expect(await rowOf(order.id)).toEqual({ status: 'placed', reason: null });
      expect(await eventsOf(order.id)).toEqual(['placed']);
    });

    it('many at once, unheld: the admin against the customer on placed orders, against the timer on accepted ones: one wins each', async () => {
      const placedOrders = await Promise.all(Array.from({ length: 6 }, () => placed()));
      const acceptedOrders = await Promise.all(Array.from({ length: 6 }, () => accepted()));
      await Promise.all([
        ...placedOrders.map(async (order) => {
          const [admin, customer] = await Promise.all([cancel(order.id), cancelOrder(order.customerId, order.id, { enqueue: noJobs })]);
          expect((admin.status === 'cancelled') !== (customer.status === 'cancelled'), JSON.stringify({ admin, customer })).toBe(true);
          expect((await rowOf(order.id)).reason).toBe(admin.status === 'cancelled' ? REASON : null);
          expect(await eventsOf(order.id)).toEqual(['cancelled', 'placed']);
        }),
        ...acceptedOrders.map(async (order) => {
          const [admin, timer] = await Promise.all([cancel(order.id), advanceOrder({ orderId: order.id, to: 'preparing' }, { enqueue: noJobs })]);
          expect((admin.status === 'cancelled') !== (timer.status === 'advanced'), JSON.stringify({ admin, timer })).toBe(true);
          expect((await rowOf(order.id)).status).toBe(admin.status === 'cancelled' ? 'cancelled' : 'preparing');
        }),
      ]);
    });

    describe.skipIf(backend.name.startsWith('PGlite'))('on two connections (two instances), the race held at a row lock', () => {
      const instances = rowLockRace(() => suite.db.url!);
      const race = instances.race;

      it('admin against the customer on a placed order: exactly one cancels, in either order of arrival', async () => {
        const wins = { admin: 0, customer: 0 };
        for (let round = 0; round < 8; round += 1) {
          const order = await placed();
          const [admin, customer] = await race(
            order.id,
            () => cancel(order.id, REASON, { db: suite.db.db, enqueue: noJobs }),
            () => cancelOrder(order.customerId, order.id, { db: instances.second.db, enqueue: noJobs }),
            round % 2 === 0,
          );
          const adminWon = admin.status === 'cancelled';
          expect(adminWon !== (customer.status === 'cancelled'), JSON.stringify({ admin, customer })).toBe(true);
          if (adminWon) expect(customer).toEqual({ status: 'already-cancelled' });
          else expect(admin).toEqual({ status: 'already-cancelled', byCustomer: true });
          expect(await rowOf(order.id)).toEqual({ status: 'cancelled', reason: adminWon ? REASON : null });
          wins[adminWon ? 'admin' : 'customer'] += 1;
        }
        expect(wins.admin).toBeGreaterThan(0);
        expect(wins.customer).toBeGreaterThan(0);
      });

      it('admin against the timer’s "preparing" step on an accepted order: exactly one wins, in either order of arrival', async () => {
        const wins = { admin: 0, timer: 0 };
        for (let round = 0; round < 8; round += 1) {
          const order = await accepted();
          const [admin, timer] = await race(
            order.id,
            () => cancel(order.id, REASON, { db: suite.db.db, enqueue: noJobs }),
            () => advanceOrder({ orderId: order.id, to: 'preparing' }, { db: instances.second.db, enqueue: noJobs }),
            round % 2 === 0,
          );
          const adminWon = admin.status === 'cancelled';
          expect(adminWon !== (timer.status === 'advanced'), JSON.stringify({ admin, timer })).toBe(true);
          if (adminWon) expect(timer).toEqual({ status: 'stale' });
          else expect(admin).toEqual({ status: 'too-late', current: 'preparing' });
          expect(await eventsOf(order.id)).toEqual(adminWon ? ['accepted', 'cancelled', 'placed'] : ['accepted', 'placed', 'preparing']);
          wins[adminWon ? 'admin' : 'timer'] += 1;
        }
        expect(wins.admin).toBeGreaterThan(0);
        expect(wins.timer).toBeGreaterThan(0);
      });
    });
  });
}
