import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';

import { orders } from '@/db/schema';
import { cancelOrder } from '@/lib/orders/cancel';
import '@/lib/orders/jobs';
import { reconcileGraceMs, reconcileOrders } from '@/lib/orders/reconcile';
import { advanceOrder } from '@/lib/orders/steps';
import { notifyOrder } from '@/lib/orders/texts';
import '@/lib/server/jobs';

import { deleteKeysUnder } from '../support/app-context';
import { orderBackends } from '../support/order-backends';
import { noJobs, orderSuite, rowLockRace, type PlacedOrder } from '../support/order-suite';

/**
 * A customer cancels an order until the restaurant accepts it (lib/orders/cancel.ts). The cancel and
 * the "accepted" step are each one conditional update of the same row, so exactly one wins whatever
 * the order of arrival, on one connection or two (two instances); a cancelled order never moves
 * again, whatever its pending jobs or the reconciler do; its text goes out once, whatever is
 * replayed or Redis forgets; someone else's order is answered as no order. On PGlite with every Redis
 * driver, and on real Postgres (two connections, the race held at a row lock) with TCP Redis.
 */
const backends = await orderBackends('orders_cancel');

for (const backend of backends) {
  describe.skipIf(!backend.available)(`cancelling an order on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    const suite = orderSuite(backend, 'orders-cancel', '9197');
    const { placed, newCustomer, statusOf, eventsOf, textsFor, drainAll } = suite;
    const afterGrace = () => Date.now() + reconcileGraceMs() + 1_000;

    it('cancels a placed order: its pending step, a second step and the reconciler do nothing, and one text says so', async () => {
      const order = await placed({ realJobs: true });
      expect(await cancelOrder(order.customerId, order.id)).toEqual({ status: 'cancelled' });
      expect(await statusOf(order.id)).toBe('cancelled');

      // The "accepted" step's delayed job, the "placed" text's job and the cancelled text's job all run.
      await drainAll();
      expect(await statusOf(order.id)).toBe('cancelled');
      expect(await advanceOrder({ orderId: order.id, to: 'accepted' }, { enqueue: noJobs })).toEqual({ status: 'stale' });
      const report = await reconcileOrders({ now: afterGrace });
      expect(report.advanced).not.toContain(order.id);
      await drainAll();

      expect(await statusOf(order.id)).toBe('cancelled');
      expect(await eventsOf(order.id)).toEqual(['cancelled', 'placed']);
      // The "placed" text was still unsent when the order was cancelled: it never goes out after.
      expect(await textsFor(order.id)).toEqual([expect.stringMatching(/^Thali: order #.{8} from .+ is cancelled, as you asked\. Nothing to pay\.$/)]);
    });

    it('a double click or a replayed cancel is one cancellation and one text, even after Redis forgot everything', async () => {
      const order = await placed({ realJobs: true });
      const outcomes = await Promise.all([cancelOrder(order.customerId, order.id), cancelOrder(order.customerId, order.id)]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['already-cancelled', 'cancelled']);
      expect(await cancelOrder(order.customerId, order.id)).toEqual({ status: 'already-cancelled' });
      await drainAll();
      expect((await textsFor(order.id)).filter((text) => text.includes('cancelled'))).toHaveLength(1);

      // Redis restarted empty (the queue, its idempotency keys, the outbox): replays and the
      // reconciler's passes find the text claimed in Postgres and send nothing.
      await deleteKeysUnder(suite.redis, suite.prefix);
      expect(await cancelOrder(order.customerId, order.id)).toEqual({ status: 'already-cancelled' });
      await reconcileOrders({ now: () => Date.now() + 61_000 });
      expect(await notifyOrder({ orderId: order.id, status: 'cancelled' })).toBe('already-sent');
      await drainAll();
      expect(await textsFor(order.id)).toEqual([]);
      expect(await eventsOf(order.id)).toEqual(['cancelled', 'placed']);
    });

    it('a replayed cancel queues nothing: only the call that cancelled the order enqueues its text', async () => {
      // Each replay of an already-cancelled order once stored another job (a hash without a TTL) in the
      // notifications queue every customer's texts wait in: a loop of posts filled it for free.
      const order = await placed();
      const enqueued: string[] = [];
      const record = async (_queue: string, job: { idempotencyKey?: string }) => void enqueued.push(job.idempotencyKey ?? '');
      expect(await cancelOrder(order.customerId, order.id, { enqueue: record })).toEqual({ status: 'cancelled' });
      for (let replay = 0; replay < 5; replay += 1) {
        expect(await cancelOrder(order.customerId, order.id, { enqueue: record })).toEqual({ status: 'already-cancelled' });
      }
      expect(enqueued).toEqual([`order:${order.id}:notify:cancelled`]);
    });

    it('Redis down when the cancel commits: still cancelled, and the reconciler’s text pass sends its one text', async () => {
      const order = await placed();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const down = async () => Promise.reject(new Error('Redis is down'));
        expect(await cancelOrder(order.customerId, order.id, { enqueue: down })).toEqual({ status: 'cancelled' });
        expect(warn.mock.calls.some(([line]) => String(line).includes('the reconciler will retry'))).toBe(true);
      } finally {
        warn.mockRestore();
      }
      expect(await statusOf(order.id)).toBe('cancelled');
      const report = await reconcileOrders({ now: () => Date.now() + 61_000 });
      expect(report.texts).toContain(`${order.id}:cancelled`);
      expect(report.texts).not.toContain(`${order.id}:placed`);
      await drainAll();
      expect(await textsFor(order.id)).toEqual([expect.stringContaining('is cancelled, as you asked')]);
    });

    it('a placed text whose send surely failed while the order was cancelled is not given back: it never goes out after the cancellation', async () => {
      const order = await placed();
      const payload = { orderId: order.id, status: 'placed' };
      // The provider fails as the customer cancels (a refused connection: surely not sent). The cancel
      // finds the "placed" text claimed by this send, so leaves it to it.
      const failing = {
        send: async () => {
          expect(await cancelOrder(order.customerId, order.id, { enqueue: noJobs })).toEqual({ status: 'cancelled' });
          throw new Error('connect ECONNREFUSED');
        },
      };
      await expect(notifyOrder(payload, { sender: failing as never })).rejects.toThrow('ECONNREFUSED');

      // The queue's retry. Before: the failed send gave the claim back whatever the order's status, and
      // the retry texted "placed" after the cancellation.
      const sent: string[] = [];
      const recording = { send: async (message: { body: string }) => void sent.push(message.body) };
      expect(await notifyOrder(payload, { sender: recording as never })).toBe('already-sent');
      expect((await reconcileOrders({ now: afterGrace })).texts).not.toContain(`${order.id}:placed`);
      expect(sent).toEqual([]);
    });

    it('after the restaurant accepted: too late, and nothing changes', async () => {
      const order = await placed();
      expect(await advanceOrder({ orderId: order.id, to: 'accepted' }, { enqueue: noJobs })).toMatchObject({ status: 'advanced' });
      const enqueued: string[] = [];
      const record = async (_queue: string, job: { idempotencyKey?: string }) => void enqueued.push(job.idempotencyKey ?? '');
      expect(await cancelOrder(order.customerId, order.id, { enqueue: record })).toEqual({ status: 'too-late', current: 'accepted' });
      expect(await statusOf(order.id)).toBe('accepted');
      expect(await eventsOf(order.id)).toEqual(['accepted', 'placed']);
      expect(enqueued).toEqual([]);
    });

    it('someone else’s order is answered as no order, and stays as it was', async () => {
      const order = await placed();
      const stranger = await newCustomer();
      expect(await cancelOrder(stranger, order.id, { enqueue: noJobs })).toEqual({ status: 'not-found' });
      expect(await cancelOrder(stranger, 'AAAAAAAAAAAAAAAAAAAAAA', { enqueue: noJobs })).toEqual({ status: 'not-found' });
      expect(await cancelOrder(order.customerId, 'AAAAAAAAAAAAAAAAAAAAAA', { enqueue: noJobs })).toEqual({ status: 'not-found' });
      for (const malformed of ['', 'x', `${order.id}x`, `${order.id.slice(0, 21)}'`, 'a'.repeat(30_000)]) {
        expect(await cancelOrder(order.customerId, malformed, { enqueue: noJobs })).toEqual({ status: 'not-found' });
      }
      expect(await statusOf(order.id)).toBe('placed');
      expect(await eventsOf(order.id)).toEqual(['placed']);
    });

    it('no step job moves an order to cancelled (or from it): only its customer cancels', async () => {
      const order = await placed();
      await expect(advanceOrder({ orderId: order.id, to: 'cancelled' }, { enqueue: noJobs })).rejects.toThrow();
      expect(await statusOf(order.id)).toBe('placed');
      await suite.db.db.update(orders).set({ status: 'delivered' }).where(eq(orders.id, order.id));
      await expect(advanceOrder({ orderId: order.id, to: 'cancelled' }, { enqueue: noJobs })).rejects.toThrow();
      expect(await statusOf(order.id)).toBe('delivered');
    });

    it('cancelled orders, however many, never fill the reconciler’s batch ahead of a stalled order', async () => {
      const template = await placed();
      await suite.db.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, template.id));
      const tag = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
      // 150 cancelled orders long past the grace period (more than one reconciler batch of 100).
      await suite.db.db.execute(sql`
        insert into orders (id, customer_id, restaurant_id, status, total_paise, idempotency_key, created_at, updated_at)
        select ${tag} || lpad(g::text, 16, '0'), customer_id, restaurant_id, 'cancelled', total_paise, ${tag} || '-' || g,
               now() - interval '3 hours', now() - interval '3 hours'
        from orders, generate_series(1, 150) g where id = ${template.id}`);
      const stalled = await placed();
      await suite.db.db.update(orders).set({ updatedAt: sql`now() - interval '2 hours'` }).where(eq(orders.id, stalled.id));
      const report = await reconcileOrders({ enqueue: noJobs });
      expect(report.advanced).toContain(stalled.id);
      expect(await statusOf(stalled.id)).toBe('accepted');
      expect(await suite.db.db.$count(orders, and(eq(orders.status, 'cancelled'), sql`${orders.id} like ${`${tag}%`}`))).toBe(150);
    });

    describe.skipIf(backend.name.startsWith('PGlite'))('on two connections (two instances), the race held at a row lock', () => {
      const instances = rowLockRace(() => suite.db.url!);

      /**
       * Both arrive while a third transaction holds the order's row, in the order given, then the
       * lock goes: whichever Postgres lets through first wins, the other's condition no longer holds.
       */
      async function race(order: PlacedOrder, first: 'cancel' | 'accept') {
        const cancel = () => cancelOrder(order.customerId, order.id, { db: suite.db.db, enqueue: noJobs });
        const accept = () => advanceOrder({ orderId: order.id, to: 'accepted' }, { db: instances.second.db, enqueue: noJobs });
        const [cancelled, accepted] = await instances.race(order.id, cancel, accept, first === 'cancel');
        return { cancel: cancelled, accept: accepted };
      }

      it('cancel against "accepted": exactly one wins, in either order of arrival, and retries change nothing', async () => {
        const wins = { cancel: 0, accept: 0 };
        for (let round = 0; round < 12; round += 1) {
          const order = await placed();
          const { cancel, accept } = await race(order, round % 2 === 0 ? 'cancel' : 'accept');
          const cancelWon = cancel.status === 'cancelled';
          const acceptWon = accept.status === 'advanced';
          expect(cancelWon !== acceptWon, JSON.stringify({ cancel, accept })).toBe(true);
          const status = await statusOf(order.id);
          expect(status).toBe(cancelWon ? 'cancelled' : 'accepted');
          expect(await eventsOf(order.id)).toEqual(cancelWon ? ['cancelled', 'placed'] : ['accepted', 'placed']);
          if (cancelWon) expect(accept).toEqual({ status: 'stale' });
          else expect(cancel).toEqual({ status: 'too-late', current: 'accepted' });
          wins[cancelWon ? 'cancel' : 'accept'] += 1;

          // Retries of both, on either connection: the same answers, nothing moves.
          expect((await cancelOrder(order.customerId, order.id, { db: instances.second.db, enqueue: noJobs })).status).toBe(cancelWon ? 'already-cancelled' : 'too-late');
          expect((await advanceOrder({ orderId: order.id, to: 'accepted' }, { db: suite.db.db, enqueue: noJobs })).status).toBe(cancelWon ? 'stale' : 'already');
          expect(await statusOf(order.id)).toBe(status);
        }
        // The first to arrive at the lock is the first through it: both sides won some rounds.
        expect(wins.cancel).toBeGreaterThan(0);
        expect(wins.accept).toBeGreaterThan(0);
      });

      it('unheld, many at once on both connections: every order is cancelled or accepted, never both', async () => {
        const placedOrders = await Promise.all(Array.from({ length: 10 }, () => placed()));
        const results = await Promise.all(
          placedOrders.map(async (order, index) => {
            const [cancel, accept] = await Promise.all([
              cancelOrder(order.customerId, order.id, { db: index % 2 ? suite.db.db : instances.second.db, enqueue: noJobs }),
              advanceOrder({ orderId: order.id, to: 'accepted' }, { db: index % 2 ? instances.second.db : suite.db.db, enqueue: noJobs }),
            ]);
            return { order, cancel, accept };
          }),
        );
        for (const { order, cancel, accept } of results) {
          expect((cancel.status === 'cancelled') !== (accept.status === 'advanced')).toBe(true);
          const events = await eventsOf(order.id);
          expect(events.includes('cancelled') && events.includes('accepted')).toBe(false);
        }
      });
    });
  });
}
