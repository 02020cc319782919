import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database, DatabaseHandle } from '@/db/client';
import { menuItems, orders } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { CHECKOUT_CLAIM_TTL_MS } from '@/lib/orders/cart-claim';
import { CART_BUSY, CART_ORDERED, placeOrder } from '@/lib/orders/checkout';
import type { RedisStore } from '@/lib/redis/types';

import { testAddress } from '../support/addresses';
import { deleteKeysUnder, installBackends } from '../support/app-context';
import { orderableItem } from '../support/menus';
import { handingOver, withCommands } from '../support/store-overrides';
import { orderBackends } from '../support/order-backends';
import { uniquePrefix } from '../support/services';

/**
 * One cart, one order (sweep finding): 8 concurrent checkouts of one cart with different idempotency
 * keys (two tabs) placed 8 orders, each reading the cart before any cleared it. The checkout's claim
 * on the cart (SET NX PX) lets one through; the others are told the cart is being ordered, a failed
 * checkout gives the claim back, and a claim left by a dead process lapses. On PGlite with every
 * Redis driver, and on real Postgres with TCP Redis.
 */
const backends = await orderBackends('checkout_claim');

const noJobs = async () => {};
const key = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A point a checkout stops at: `reached` once it is there, `open()` lets it through. */
function gate() {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const opened = new Promise<void>((resolve) => (release = resolve));
  return {
    reached,
    open: () => release(),
    pass: async () => {
      arrive();
      await opened;
    },
  };
}
type Gate = ReturnType<typeof gate>;

/**
 * `db`, but the order's transaction (begun after the claim, the cart and the address) first waits at
 * `stop`, and then fails with `failure` if given: races laid out step by step, without sleeps.
 */
function pausing(db: Database, stop: Gate, failure?: Error): Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') {
        return async (...args: Parameters<Database['transaction']>) => {
          await stop.pass();
          if (failure) throw failure;
          return target.transaction(...args);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`one cart, one order on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    const prefix = uniquePrefix('ckclaim');
    let db: DatabaseHandle;
    let redis: RedisStore;
    let restaurant: { id: number; slug: string };
    let itemId: number;
    let customers = 0;

    beforeAll(async () => {
      ({ db, redis } = await backend.create());
      installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000' } });
      ({ restaurant, itemId } = await orderableItem(db.db));
    });
    afterAll(async () => {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
      await db.close();
      await backend.cleanup();
    });

    async function customerWithCart() {
      customers += 1;
      const customerId = await customerIdFor(`91800${String(customers).padStart(3, '0')}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`, db.db);
      await fillCart(customerId);
      return { customerId, addressId: await testAddress(db.db, customerId) };
    }
    const fillCart = (customerId: number) =>
      redis.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '2' });
    const ordersOf = async (customerId: number) => db.db.select().from(orders).where(eq(orders.customerId, customerId));
    const claimKey = (customerId: number) => cartKeys.checkout(cartOwners.customer(customerId));

    it('8 concurrent checkouts of one cart with different keys place one order; the rest are told, and their retries find the cart empty', async () => {
      const customer = await customerWithCart();
      const keys = Array.from({ length: 8 }, key);
      const results = await Promise.all(keys.map((idempotencyKey) => placeOrder(customer, { addressId: customer.addressId, idempotencyKey }, { enqueue: noJobs })));
      const created = results.filter((result) => result.status === 'placed' && result.created);
      expect(created).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'placed') continue;
        // Busy while the winner held the cart; empty if it came after the winner cleared it.
        expect(['busy', 'empty']).toContain(result.status);
        if (result.status === 'busy') expect(result.message).toBe(CART_BUSY);
      }
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
      expect(await redis.hgetall(cartKeys.cart(cartOwners.customer(customer.customerId)))).toEqual({});
      expect(await redis.get(claimKey(customer.customerId))).toBeNull();

      // Each tab tries again: the winner's key still finds its order, the others an empty cart.
      const retries = [];
      for (const idempotencyKey of keys) retries.push(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey }, { enqueue: noJobs }));
      const winner = results.findIndex((result) => result.status === 'placed');
      retries.forEach((retry, index) => {
        if (index === winner) expect(retry).toMatchObject({ status: 'placed', created: false });
        else expect(retry.status).toBe('empty');
      });
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
    });

    it('concurrent submits with one key still all get the one order', async () => {
      const customer = await customerWithCart();
      const idempotencyKey = key();
      const results = await Promise.all(
        Array.from({ length: 4 }, () => placeOrder(customer, { addressId: customer.addressId, idempotencyKey }, { enqueue: noJobs })),
      );
      expect(results.map((result) => result.status)).toEqual(['placed', 'placed', 'placed', 'placed']);
      const ids = new Set(results.map((result) => (result.status === 'placed' ? result.order.id : '')));
      expect(ids.size).toBe(1);
      expect(results.filter((result) => result.status === 'placed' && result.created)).toHaveLength(1);
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
      expect(await redis.get(claimKey(customer.customerId))).toBeNull();
    });

    it('a refused checkout gives the cart back at once: the next submit places it', async () => {
      const customer = await customerWithCart();
      await db.db.update(menuItems).set({ available: false }).where(eq(menuItems.id, itemId));
      try {
        expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({ status: 'unavailable' });
      } finally {
        await db.db.update(menuItems).set({ available: true }).where(eq(menuItems.id, itemId));
      }
      expect(await redis.get(claimKey(customer.customerId))).toBeNull();
      expect(await placeOrder(customer, { addressId: customer.addressId + 1_000_000, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'invalid',
      });
      expect(await redis.get(claimKey(customer.customerId))).toBeNull();
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
    });

    it('a checkout that fails with an error gives the claim back too', async () => {
      const customer = await customerWithCart();
      const failing = withCommands(redis, { hgetall: async () => Promise.reject(new Error('redis went away')) });
      await expect(placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { store: failing, enqueue: noJobs })).rejects.toThrow(
        'redis went away',
      );
      expect(await redis.get(claimKey(customer.customerId))).toBeNull();
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
    });

    it('a failed checkout whose claim lapsed leaves the claim another tab took since', async () => {
      const customer = await customerWithCart();
      const claim = claimKey(customer.customerId);
      const theirs = `${key()} theirs`;
      let failed = false;
      // The checkout outlives its claim (held past CHECKOUT_CLAIM_TTL_MS), another tab claims the cart,
      // then the checkout fails and gives its claim back: the claim changes hands while the release
      // is under way (after a GET that still saw ours, or just before a compare-and-delete).
      const lapsing = handingOver(redis, claim, {
        armed: () => failed,
        takeOver: () => redis.set(claim, theirs, { px: CHECKOUT_CLAIM_TTL_MS }),
        overrides: {
          hgetall: async () => {
            failed = true;
            throw new Error('statement timeout');
          },
        },
      });
      await expect(placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { store: lapsing, enqueue: noJobs })).rejects.toThrow(
        'statement timeout',
      );
      expect(failed).toBe(true);
      expect(await redis.get(claim)).toBe(theirs);
      // So the other tab still holds the cart: a third submit is told so.
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toEqual({
        status: 'busy',
        message: CART_BUSY,
      });
    });

    it('a resubmit that went on under its first submit\'s claim does not order the cart again after that submit failed and another tab ordered it', async () => {
      const customer = await customerWithCart();
      const input = { addressId: customer.addressId, idempotencyKey: key() };
      const failing = gate();
      const resubmit = gate();
      // A double click: the first submit claims the cart and reads it, then stalls and fails.
      const first = placeOrder(customer, input, { db: pausing(db.db, failing, new Error('statement timeout')), enqueue: noJobs });
      await failing.reached;
      // The second carries the same key, so it goes on without the claim and reads the cart too.
      const second = placeOrder(customer, input, { db: pausing(db.db, resubmit), enqueue: noJobs });
      await resubmit.reached;
      failing.open();
      await expect(first).rejects.toThrow('statement timeout');
      expect(await redis.get(claimKey(customer.customerId))).toBeNull();
      // The cart is free: another tab claims it and orders it.
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
      resubmit.open();
      expect(await second).toEqual({ status: 'empty', message: CART_ORDERED });
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
    });

    it('one cart makes one order even when Redis loses the claim (a failover that dropped the SET): Postgres refuses the second', async () => {
      const customer = await customerWithCart();
      const stalled = gate();
      const first = placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { db: pausing(db.db, stalled), enqueue: noJobs });
      await stalled.reached;
      // The claim is gone, the cart is not: the other tab's submit sees nothing in its way.
      await redis.del([claimKey(customer.customerId)]);
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
      stalled.open();
      expect(await first).toEqual({ status: 'empty', message: CART_ORDERED });
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
    });

    it('a cart its order could not clear is not ordered again once the claim expires; it is cleared then', async () => {
      const customer = await customerWithCart();
      const cart = cartKeys.cart(cartOwners.customer(customer.customerId));
      const keepsCart = withCommands(redis, {
        del: async (keys) => (keys.includes(cart) ? Promise.reject(new Error('redis went away')) : redis.del(keys)),
        delifheq: async (key, field, value, also) => (key === cart ? Promise.reject(new Error('redis went away')) : redis.delifheq(key, field, value, also)),
      });
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { store: keepsCart, enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
      expect((await redis.hgetall(cart))[`item:${restaurant.slug}:${itemId}`]).toBe('2');
      // The claim kept the cart from another tab for its minute; now it has expired.
      await redis.del([claimKey(customer.customerId)]);
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toEqual({
        status: 'empty',
        message: CART_ORDERED,
      });
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
      expect(await redis.hgetall(cart)).toEqual({});
      // A cart filled again is a new cart.
      await fillCart(customer.customerId);
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
      expect(await ordersOf(customer.customerId)).toHaveLength(2);
    });

    it('a cart started anew in another tab while a checkout ordered the old one stays', async () => {
      const customer = await customerWithCart();
      const cart = cartKeys.cart(cartOwners.customer(customer.customerId));
      const stalled = gate();
      const first = placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { db: pausing(db.db, stalled), enqueue: noJobs });
      await stalled.reached;
      // "Start a new cart?" in another tab: the hash goes, and a new one (without the ordered cart's generation) takes its place.
      await redis.del([cart]);
      await redis.hset(cart, { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
      stalled.open();
      expect(await first).toMatchObject({ status: 'placed', created: true });
      expect(await redis.hgetall(cart)).toEqual({ restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
    });

    it('Redis restarted empty between two submits: the later one finds no cart, the one that read it before orders it once', async () => {
      const customer = await customerWithCart();
      const stalled = gate();
      const first = placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { db: pausing(db.db, stalled), enqueue: noJobs });
      await stalled.reached;
      // Every key gone: the claim and the cart with it.
      await deleteKeysUnder(redis, prefix);
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({ status: 'empty' });
      stalled.open();
      expect(await first).toMatchObject({ status: 'placed', created: true });
      expect(await ordersOf(customer.customerId)).toHaveLength(1);
    });

    it('a claim left by a process that died mid-checkout blocks other keys only until it expires; its own key goes on', async () => {
      const customer = await customerWithCart();
      // What a crashed checkout leaves: the claim (with a TTL: here short), the cart untouched.
      await redis.set(claimKey(customer.customerId), `${key()} dead`, { px: 300 });
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toEqual({
        status: 'busy',
        message: CART_BUSY,
      });
      expect(await ordersOf(customer.customerId)).toHaveLength(0);
      await sleep(400);
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });

      // A submit whose own claim outlived its process (or whose SET's answer was lost) is let through on retry.
      const other = await customerWithCart();
      const idempotencyKey = key();
      await redis.set(claimKey(other.customerId), `${idempotencyKey} lost`, { px: CHECKOUT_CLAIM_TTL_MS });
      expect(await placeOrder(other, { addressId: other.addressId, idempotencyKey }, { enqueue: noJobs })).toMatchObject({ status: 'placed', created: true });
      // Its order placed and the cart cleared, the retry frees that claim too: the customer's next
      // cart (another form, another key) is not told "busy" for the rest of the minute.
      expect(await redis.get(claimKey(other.customerId))).toBeNull();
      await fillCart(other.customerId);
      expect(await placeOrder(other, { addressId: other.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
    });

    it('a claim whose SET answer was lost is taken back: the next submit is not told "busy"', async () => {
      const customer = await customerWithCart();
      const claim = claimKey(customer.customerId);
      // The SET reaches Redis; its answer does not reach the checkout (a timeout).
      const lostAnswer = withCommands(redis, {
        set: async (...args) => {
          await redis.set(...args);
          if (args[0] === claim) throw new Error('Redis SET timed out after 150 ms');
          return true;
        },
      });
      await expect(placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { store: lostAnswer, enqueue: noJobs })).rejects.toThrow(
        'timed out',
      );
      expect(await redis.get(claim)).toBeNull();
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs })).toMatchObject({
        status: 'placed',
        created: true,
      });
    });
  });
}
