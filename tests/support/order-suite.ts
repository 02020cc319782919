import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';

import { connectPostgres, type DatabaseHandle } from '@/db/client';
import { auditLog, orderEvents, orders } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { placeOrder } from '@/lib/orders/checkout';
import { drainQueues } from '@/lib/queue/drain';
import type { RedisStore } from '@/lib/redis/types';
import { readOutbox } from '@/lib/sms/sender';

import { testAddress } from './addresses';
import { deleteKeysUnder, installBackends } from './app-context';
import { orderableItem } from './menus';
import type { OrderBackend } from './order-backends';
import { uniquePrefix } from './services';

/** A job sink: the suites' steps and texts are enqueued nowhere unless a test runs them for real. */
export const noJobs = async () => {};
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PlacedOrder {
  id: string;
  customerId: number;
}

/**
 * What the order suites (orders-cancel, orders-admin-step, orders-admin-cancel) share, called inside
 * one backend's describe: its Redis and database installed as the app's under a key prefix of their
 * own, an orderable dish, orders placed by new customers, and what a test reads back; the keys and
 * the database go afterwards. `phonePrefix` keeps each suite's customers apart.
 */
export function orderSuite(backend: OrderBackend, name: string, phonePrefix: string) {
  const prefix = uniquePrefix(name);
  let db!: DatabaseHandle & { url?: string };
  let redis!: RedisStore;
  let restaurant!: { id: number; slug: string };
  let itemId!: number;
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

  async function newCustomer(): Promise<number> {
    customers += 1;
    return customerIdFor(`${phonePrefix}${String(customers).padStart(6, '0')}${Math.floor(Math.random() * 90 + 10)}`, db.db);
  }

  return {
    prefix,
    get db() {
      return db;
    },
    get redis() {
      return redis;
    },
    get restaurant() {
      return restaurant;
    },
    newCustomer,
    /** A placed order of a new customer; its jobs are enqueued nowhere unless `realJobs`. */
    async placed({ realJobs = false } = {}): Promise<PlacedOrder> {
      const customerId = await newCustomer();
      await redis.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
      const result = await placeOrder(
        { customerId },
        { addressId: await testAddress(db.db, customerId), idempotencyKey: `${name}-${Math.random().toString(36).slice(2)}` },
        realJobs ? {} : { enqueue: noJobs },
      );
      if (result.status !== 'placed') throw new Error(result.status);
      return { id: result.order.id, customerId };
    },
    statusOf: async (id: string) => (await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status,
    eventsOf: async (id: string) =>
      (await db.db.select({ status: orderEvents.status }).from(orderEvents).where(eq(orderEvents.orderId, id))).map((event) => event.status).sort(),
    /** The admin audit entries of an order (lib/orders/admin-audit.ts). */
    auditOf: (id: string) =>
      db.db
        .select({ adminId: auditLog.adminId, action: auditLog.action, restaurantId: auditLog.restaurantId, changes: auditLog.changes })
        .from(auditLog)
        .where(eq(auditLog.target, `order:${id}`)),
    textsFor: async (id: string) => (await readOutbox(redis, 500)).filter((message) => message.body.includes(`#${id.slice(0, 8)}`)).map((message) => message.body),
    /** Runs every job due, round after round, each past ORDER_STEP_DELAY_MS: an order's steps and texts to its end. */
    async drainAll(): Promise<void> {
      for (let round = 0; round < 8; round += 1) {
        await sleep(40);
        await drainQueues({ maxJobs: 50, maxMs: 2_000 });
      }
    },
  };
}

/**
 * Two instances at one order's row, inside a describe on the real Postgres (`url`: its database):
 * `second`, another connection, and `race`, which starts `a` and `b` while a third transaction holds
 * the row, `a` first unless `aFirst` is false and the other 30 ms later, so Postgres lets them through
 * in that order once the lock goes; it answers their outcomes as [a's, b's].
 */
export function rowLockRace(url: () => string) {
  let second!: DatabaseHandle;
  let locker!: postgres.Sql;
  beforeAll(() => {
    second = connectPostgres(url());
    locker = postgres(url(), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await second?.close();
    await locker?.end();
  });
  return {
    get second() {
      return second;
    },
    async race<A, B>(orderId: string, a: () => Promise<A>, b: () => Promise<B>, aFirst = true): Promise<readonly [A, B]> {
      let first!: Promise<A>;
      let then!: Promise<B>;
      await locker.begin(async (tx) => {
        await tx`select 1 from orders where id = ${orderId} for update`;
        if (aFirst) first = a();
        else then = b();
        await sleep(30);
        if (aFirst) then = b();
        else first = a();
        await sleep(60);
      });
      return [await first, await then] as const;
    },
  };
}
