import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { customerAddresses, menuItems, orderEvents, orderItems, orders, restaurants } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { queueKeys } from '@/lib/queue/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { readOutbox } from '@/lib/sms/sender';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { readCart } from '@/lib/cart/cart';
import { readAddedPrices } from '@/lib/cart/prices';
import { priceChanges } from '@/lib/orders/price-changes';
import { computeBill } from '@/lib/orders/bill';
import { reorder, checkoutAfterReorder } from '@/lib/orders/reorder';
import { invalidate } from '@/lib/cache/invalidate';
import { keys } from '@/lib/cache/keys';
import { ADDRESS_GONE, BILL_CHANGED, placeOrder } from '@/lib/orders/checkout';
import { TransactionDeadlineError } from '@/db/deadline-outcome';
import { deleteAddress, updateAddress } from '@/lib/addresses/edit';
import { MAX_PRICE_PAISE, MAX_QUANTITY } from '@/lib/orders/limits';
import { ORDER_ADVANCE, ORDER_CONFIRM, ORDER_NOTIFY } from '@/lib/orders/job-types';
import { loadOwnOrderStatus } from '@/lib/orders/queries';
import { quoteCart } from '@/lib/orders/quote';
import { advanceOrder } from '@/lib/orders/steps';
import { notifyOrder } from '@/lib/orders/texts';
import { smsKeys } from '@/lib/sms/keys';
import { dayOf } from '@/lib/views/buckets';
import { jobIdOfDelayedMember } from '@/lib/queue/delayed-member';
import { drainQueues } from '@/lib/queue/drain';
import '@/lib/server/jobs';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { parseEnv } from '@/lib/env';
import { createCooldowns } from '@/lib/ratelimit/cooldown';
import { cooldownPolicies } from '@/lib/ratelimit/policies';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import type { RedisStore } from '@/lib/redis/types';

import { deleteKeysUnder, installBackends } from '../support/app-context';
import { createTestPglite, createTestPostgres } from '../support/databases';
import { openWithoutOffer } from '../support/menus';
import { driversUnderTest } from '../support/redis-drivers';
import { IN_CI, missing, postgresAvailable, TEST_POSTGRES_URL, uniquePrefix } from '../support/services';

/**
 * Checkout and the order's jobs: one order per idempotency key even for concurrent submits, prices
 * from Postgres (never the cart or the menu cache), refusals, and handlers whose duplicates have one
 * effect. Run on PGlite + the in-process store and on real Postgres + TCP Redis.
 */
const tcp = (await driversUnderTest()).find((driver) => driver.name === 'tcp')!;
const postgresUp = IN_CI || (await postgresAvailable());
const realReason = !postgresUp ? missing(`Postgres at ${TEST_POSTGRES_URL}`) : !tcp.available ? tcp.skipReason : undefined;
if (realReason) console.warn(`[orders] Postgres + tcp: ${realReason}`);

type Enqueued = { queue: string; type: string; payload: unknown; idempotencyKey?: string; delayMs?: number };

const backends = [
  {
    name: 'PGlite + memory',
    available: true,
    reason: undefined as string | undefined,
    create: async () => ({ db: await createTestPglite(), redis: createMemoryStore() }),
  },
  {
    name: 'Postgres + tcp',
    available: !realReason,
    reason: realReason,
    create: async () => ({ db: await createTestPostgres('orders'), redis: await tcp.create() }),
  },
];

for (const backend of backends) {
  describe.skipIf(!backend.available)(`orders on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    const prefix = uniquePrefix('orders');
    let db: DatabaseHandle;
    let redis: RedisStore;
    let restaurant: { id: number; slug: string; deliveryFeePaise: number; packagingFeePaise: number };
    let items: { id: number; name: string; pricePaise: number }[];
    let sessions = 0;
    const enqueued: Enqueued[] = [];
    const recordEnqueue = async (queue: string, job: Omit<Enqueued, 'queue' | 'delayMs'>, options?: { delayMs?: number }) => {
      enqueued.push({ queue, ...job, ...(options?.delayMs !== undefined ? { delayMs: options.delayMs } : {}) });
    };

    beforeAll(async () => {
      ({ db, redis } = await backend.create());
      installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000', ORDER_STEP_DELAY_MS: '20' } });
      const [open] = await db.db
        .select({
          id: restaurants.id,
          slug: restaurants.slug,
          deliveryFeePaise: restaurants.deliveryFeePaise,
          packagingFeePaise: restaurants.packagingFeePaise,
        })
        .from(restaurants)
        .where(openWithoutOffer(db.db))
        .limit(1);
      restaurant = open!;
      items = await db.db
        .select({ id: menuItems.id, name: menuItems.name, pricePaise: menuItems.pricePaise })
        .from(menuItems)
        .where(and(eq(menuItems.restaurantId, restaurant.id), eq(menuItems.available, true)))
        .orderBy(menuItems.id)
        .limit(2);
      expect(items).toHaveLength(2);
    });
    afterAll(async () => {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
      await db.close();
    });

    /** A new customer whose cart holds 2 × the first item and 1 × the second. */
    async function customerWithCart(quantities: Record<number, number> = { [items[0]!.id]: 2, [items[1]!.id]: 1 }) {
      sessions += 1;
      const customerId = await customerIdFor(`91900000${String(sessions).padStart(4, '0')}${Math.floor(Math.random() * 9)}`, db.db);
      // lib/cart/cart.ts's fields: item:<restaurant slug>:<item id> → quantity.
      const cart = Object.fromEntries(Object.entries(quantities).map(([id, quantity]) => [`item:${restaurant.slug}:${id}`, String(quantity)]));
      if (Object.keys(cart).length > 0) await redis.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, ...cart });
      const [address] = await db.db
        .insert(customerAddresses)
        .values({ customerId, label: 'Home', line1: '12 MG Road', city: 'Bengaluru', pin: '560001' })
        .returning({ id: customerAddresses.id });
      return { customerId, addressId: address!.id };
    }
    /** What the bill charges for this item total at the test restaurant (no offer). */
    const billed = (itemTotalPaise: number) =>
      computeBill({ itemTotalPaise, deliveryFeePaise: restaurant.deliveryFeePaise, packagingFeePaise: restaurant.packagingFeePaise, offer: null })
        .totalPaise;
    const key = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    /** Checkout's per-address order budgets (decision 072) at `perDay` an address, on this backend's Redis. */
    const addressBudgets = (perDay: number) =>
      createCooldowns({
        store: () => redis,
        local: createMemoryStore(),
        breaker: new CircuitBreaker(),
        timeoutMs: 5_000,
        policies: cooldownPolicies(parseEnv({ NODE_ENV: 'test', RATE_LIMIT_ORDERS_PER_IP_PER_DAY: String(perDay) })),
      });

    it('two concurrent checkouts with one key place one order, enqueue its jobs once and clear the cart', async () => {
      const customer = await customerWithCart();
      const idempotencyKey = key();
      enqueued.length = 0;
      const [a, b] = await Promise.all([
        placeOrder(customer, { addressId: customer.addressId, idempotencyKey }, { enqueue: recordEnqueue }),
        placeOrder(customer, { addressId: customer.addressId, idempotencyKey }, { enqueue: recordEnqueue }),
      ]);
      expect(a.status).toBe('placed');
      expect(b.status).toBe('placed');
      if (a.status !== 'placed' || b.status !== 'placed') return;
      expect(a.order.id).toBe(b.order.id);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(a.order.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const rows = await db.db.select().from(orders).where(eq(orders.customerId, customer.customerId));
      expect(rows).toHaveLength(1);
      const itemTotalPaise = items[0]!.pricePaise * 2 + items[1]!.pricePaise;
      expect(rows[0]).toMatchObject({ status: 'placed', itemTotalPaise, totalPaise: billed(itemTotalPaise), paymentMethod: 'cod' });
      expect(rows[0]!.deliveryAddress).toBe('Home: 12 MG Road, Bengaluru 560001');
      expect(rows[0]!.etaAt!.getTime()).toBeGreaterThan(rows[0]!.createdAt.getTime());
      // The first step is a delayed job (ORDER_STEP_DELAY_MS=20 here); the confirmation runs at once.
      expect(enqueued.map((job) => [job.queue, job.type, job.idempotencyKey, job.delayMs])).toEqual([
        ['notifications', ORDER_NOTIFY, `order:${a.order.id}:notify:placed`, undefined],
        ['orders', ORDER_ADVANCE, `order:${a.order.id}:advance:accepted`, 20],
      ]);
      expect(await redis.hgetall(cartKeys.cart(cartOwners.customer(customer.customerId)))).toEqual({});

      // A third submit, later, with the cart gone: still the same order, nothing new enqueued.
      const again = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey }, { enqueue: recordEnqueue });
      expect(again).toMatchObject({ status: 'placed', created: false, order: { id: a.order.id } });
      expect(enqueued).toHaveLength(2);
    });

    it('snapshots names and prices from Postgres, not from the cached menu', async () => {
      // Warm the menu cache, then change a price in Postgres only (no invalidation): the cache is stale.
      const { value: cached } = await getRestaurantMenu(restaurant.slug);
      const cachedPrice = cached!.categories.flatMap((c) => c.items).find((item) => item.id === items[0]!.id)!.pricePaise;
      const newPrice = cachedPrice + 1_234;
      await db.db.update(menuItems).set({ pricePaise: newPrice }).where(eq(menuItems.id, items[0]!.id));
      try {
        const customer = await customerWithCart();
        const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
        expect(result.status).toBe('placed');
        if (result.status !== 'placed') return;
        const lines = await db.db.select().from(orderItems).where(eq(orderItems.orderId, result.order.id)).orderBy(orderItems.position);
        expect(lines.map(({ menuItemId, name, pricePaise, quantity }) => ({ menuItemId, name, pricePaise, quantity }))).toEqual([
          { menuItemId: items[0]!.id, name: items[0]!.name, pricePaise: newPrice, quantity: 2 },
          { menuItemId: items[1]!.id, name: items[1]!.name, pricePaise: items[1]!.pricePaise, quantity: 1 },
        ]);
        expect(result.order.totalPaise).toBe(billed(newPrice * 2 + items[1]!.pricePaise));
      } finally {
        await db.db.update(menuItems).set({ pricePaise: items[0]!.pricePaise }).where(eq(menuItems.id, items[0]!.id));
      }
    });

    it('refuses a bill other than the total the customer was shown (a dish added in another tab, a price changed), and places the one shown', async () => {
      const customer = await customerWithCart();
      const shown = billed(items[0]!.pricePaise * 2 + items[1]!.pricePaise);
      // Another tab adds one more of the second dish after this checkout page rendered.
      await redis.hset(cartKeys.cart(cartOwners.customer(customer.customerId)), { [`item:${restaurant.slug}:${items[1]!.id}`]: '2' });
      const refused = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key(), expectedTotalPaise: shown }, { enqueue: recordEnqueue });
      expect(refused).toEqual({ status: 'changed', message: BILL_CHANGED });
      expect(await db.db.select().from(orders).where(eq(orders.customerId, customer.customerId))).toHaveLength(0);
      expect(await redis.hgetall(cartKeys.cart(cartOwners.customer(customer.customerId)))).not.toEqual({});
      expect(await redis.get(cartKeys.checkout(cartOwners.customer(customer.customerId)))).toBeNull();

      // The page renders again with the new bill; agreeing to it places the order.
      const now = billed(items[0]!.pricePaise * 2 + items[1]!.pricePaise * 2);
      const placed = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key(), expectedTotalPaise: now }, { enqueue: recordEnqueue });
      expect(placed).toMatchObject({ status: 'placed', created: true, order: { totalPaise: now } });
    });

    it('refuses an empty cart, an unavailable item and a closed restaurant, writing nothing', async () => {
      const empty = await customerWithCart({});
      expect(await placeOrder(empty, { addressId: empty.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue })).toMatchObject({ status: 'empty' });

      await db.db.update(menuItems).set({ available: false }).where(eq(menuItems.id, items[1]!.id));
      try {
        const customer = await customerWithCart();
        const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
        expect(result).toMatchObject({ status: 'unavailable', items: [items[1]!.name] });
        // Checkout shows the whole cart with the dish to remove: nowhere else offers a − for it.
        const quote = await quoteCart(await readCart(cartOwners.customer(customer.customerId)));
        expect(quote).toMatchObject({
          status: 'unavailable',
          lines: [
            { menuItemId: items[0]!.id, name: items[0]!.name, pricePaise: items[0]!.pricePaise, quantity: 2, available: true },
            { menuItemId: items[1]!.id, name: items[1]!.name, pricePaise: items[1]!.pricePaise, quantity: 1, available: false },
          ],
        });
        expect(await redis.hgetall(cartKeys.cart(cartOwners.customer(customer.customerId)))).not.toEqual({});
      } finally {
        await db.db.update(menuItems).set({ available: true }).where(eq(menuItems.id, items[1]!.id));
      }

      await db.db.update(restaurants).set({ isOpen: false }).where(eq(restaurants.id, restaurant.id));
      try {
        const customer = await customerWithCart();
        expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue })).toMatchObject({ status: 'closed' });
        // Checkout still shows the cart, kept, and says what to do instead of only refusing.
        const quote = await quoteCart(await readCart(cartOwners.customer(customer.customerId)));
        expect(quote).toMatchObject({
          status: 'closed',
          message: expect.stringContaining('Your cart is kept'),
          lines: [
            { menuItemId: items[0]!.id, name: items[0]!.name, quantity: 2, available: true },
            { menuItemId: items[1]!.id, name: items[1]!.name, quantity: 1, available: true },
          ],
        });
      } finally {
        await db.db.update(restaurants).set({ isOpen: true }).where(eq(restaurants.id, restaurant.id));
      }
      expect(await placeOrder(empty, { addressId: empty.addressId, idempotencyKey: 'short' }, { enqueue: recordEnqueue })).toMatchObject({ status: 'invalid-key' });
      expect(await db.db.select().from(orders).where(eq(orders.customerId, empty.customerId))).toHaveLength(0);
    });

    it('takes only the customer’s own address and bounded instructions, and keeps both with the order', async () => {
      const other = await customerWithCart();
      const customer = await customerWithCart();
      expect(await placeOrder(customer, { addressId: other.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue })).toMatchObject({
        status: 'invalid',
        field: 'address',
      });
      expect(
        await placeOrder(customer, { addressId: customer.addressId, instructions: 'x'.repeat(201), idempotencyKey: key() }, { enqueue: recordEnqueue }),
      ).toMatchObject({ status: 'invalid', field: 'instructions' });
      expect(await db.db.select().from(orders).where(eq(orders.customerId, customer.customerId))).toHaveLength(0);
      const placed = await placeOrder(
        customer,
        { addressId: customer.addressId, instructions: '  Ring twice, leave at the gate  ', idempotencyKey: key() },
        { enqueue: recordEnqueue },
      );
      expect(placed).toMatchObject({ status: 'placed', order: { deliveryInstructions: 'Ring twice, leave at the gate', paymentMethod: 'cod' } });
    });

    it('an order keeps its address when the saved one is edited or deleted; checkout with the deleted one says so', async () => {
      const customer = await customerWithCart();
      const placed = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      expect(placed.status).toBe('placed');
      if (placed.status !== 'placed') return;
      const asPlaced = placed.order.deliveryAddress;
      expect(asPlaced).toBe('Home: 12 MG Road, Bengaluru 560001');

      const edit = { label: 'Home', line1: 'Flat 9, 1 Brigade Road', line2: '', city: 'Bengaluru', pin: '560025' };
      expect(await updateAddress(customer.customerId, customer.addressId, edit, db.db)).toMatchObject({ status: 'saved' });
      expect(await deleteAddress(customer.customerId, customer.addressId, db.db)).toMatchObject({ status: 'deleted' });
      const [order] = await db.db.select().from(orders).where(eq(orders.id, placed.order.id));
      expect(order?.deliveryAddress).toBe(asPlaced);

      // Another tab still shows the deleted address: its checkout is refused with a message, nothing placed.
      await redis.hset(cartKeys.cart(cartOwners.customer(customer.customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${items[0]!.id}`]: '1' });
      expect(await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue })).toEqual({
        status: 'invalid',
        field: 'address',
        message: ADDRESS_GONE,
      });
      expect(await placeOrder(customer, { addressId: Number.NaN, idempotencyKey: key() }, { enqueue: recordEnqueue })).toMatchObject({
        message: 'Choose a delivery address.',
      });
      expect(await db.db.select().from(orders).where(eq(orders.customerId, customer.customerId))).toHaveLength(1);
    });

    it('reorder puts a past order’s dishes back in its owner’s cart, and nobody else’s', async () => {
      const customer = await customerWithCart();
      const placed = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (placed.status !== 'placed') throw new Error(placed.status);
      expect(await readCart(cartOwners.customer(customer.customerId))).toEqual({ restaurant: null, items: [] });
      expect(await reorder(customer.customerId, placed.order.id)).toEqual({ status: 'filled', lines: 2, leftOut: [] });
      expect(await readCart(cartOwners.customer(customer.customerId))).toEqual({
        restaurant: restaurant.slug,
        items: [
          { itemId: items[0]!.id, quantity: 2 },
          { itemId: items[1]!.id, quantity: 1 },
        ].sort((a, b) => a.itemId - b.itemId),
      });
      const stranger = await customerWithCart({});
      expect(await reorder(stranger.customerId, placed.order.id)).toEqual({ status: 'not-found' });
      expect(await readCart(cartOwners.customer(stranger.customerId))).toEqual({ restaurant: null, items: [] });
    });

    it('after a reorder, checkout names a dish whose price changed since the order', async () => {
      const customer = await customerWithCart();
      const placed = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (placed.status !== 'placed') throw new Error(placed.status);
      const dish = items[1]!;
      await db.db.update(menuItems).set({ pricePaise: dish.pricePaise + 1_000 }).where(eq(menuItems.id, dish.id));
      await invalidate([keys.restaurantMenu(restaurant.slug)]);
      try {
        await reorder(customer.customerId, placed.order.id);
        const owner = cartOwners.customer(customer.customerId);
        const quote = await quoteCart(await readCart(owner));
        if (quote.status !== 'ok') throw new Error(quote.status);
        // What the order paid, read again by checkout (?reordered=): "since your order" of that dish.
        const after = await checkoutAfterReorder(customer.customerId, placed.order.id, restaurant.slug);
        expect(priceChanges(quote.lines, await readAddedPrices(owner), after?.orderedPrices)).toEqual([
          { menuItemId: dish.id, name: dish.name, wasPaise: dish.pricePaise, nowPaise: dish.pricePaise + 1_000, sinceOrder: true },
        ]);
      } finally {
        await db.db.update(menuItems).set({ pricePaise: dish.pricePaise }).where(eq(menuItems.id, dish.id));
        await invalidate([keys.restaurantMenu(restaurant.slug)]);
      }
    });

    it('reorder names the dishes it could not put back, and checkout finds them again from the order alone', async () => {
      const customer = await customerWithCart();
      const placed = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (placed.status !== 'placed') throw new Error(placed.status);
      await db.db.update(menuItems).set({ available: false }).where(eq(menuItems.id, items[0]!.id));
      await invalidate([keys.restaurantMenu(restaurant.slug)]);
      try {
        const leftOut = [{ name: items[0]!.name, quantity: 2 }];
        expect(await reorder(customer.customerId, placed.order.id)).toEqual({ status: 'filled', lines: 1, leftOut });
        expect(await readCart(cartOwners.customer(customer.customerId))).toEqual({ restaurant: restaurant.slug, items: [{ itemId: items[1]!.id, quantity: 1 }] });
        const orderedPrices = new Map([items[0]!, items[1]!].map((item) => [item.id, item.pricePaise]));
        expect(await checkoutAfterReorder(customer.customerId, placed.order.id, restaurant.slug)).toEqual({ leftOut, orderedPrices });
        // Nothing for a cart now from elsewhere, someone else's order or an id that is no order's.
        expect(await checkoutAfterReorder(customer.customerId, placed.order.id, 'another-restaurant')).toBeNull();
        const stranger = await customerWithCart({});
        expect(await checkoutAfterReorder(stranger.customerId, placed.order.id, restaurant.slug)).toBeNull();
        expect(await checkoutAfterReorder(customer.customerId, 'not an order id', restaurant.slug)).toBeNull();
      } finally {
        await db.db.update(menuItems).set({ available: true }).where(eq(menuItems.id, items[0]!.id));
        await invalidate([keys.restaurantMenu(restaurant.slug)]);
      }
    });

    it('the status the order page polls is its owner’s alone, and follows each step', async () => {
      const customer = await customerWithCart();
      const placed = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (placed.status !== 'placed') throw new Error(placed.status);
      expect(await loadOwnOrderStatus(customer.customerId, placed.order.id)).toBe('placed');
      await advanceOrder({ orderId: placed.order.id, to: 'accepted' }, { enqueue: async () => {} });
      expect(await loadOwnOrderStatus(customer.customerId, placed.order.id)).toBe('accepted');
      const stranger = await customerWithCart({});
      expect(await loadOwnOrderStatus(stranger.customerId, placed.order.id)).toBeNull();
      expect(await loadOwnOrderStatus(customer.customerId, 'not an order id')).toBeNull();
    });

    it('finding 13: an order above MAX_ORDER_TOTAL_PAISE is refused with a message, and totals are bigint', async () => {
      await db.db.update(menuItems).set({ pricePaise: MAX_PRICE_PAISE }).where(eq(menuItems.id, items[0]!.id));
      try {
        const customer = await customerWithCart({ [items[0]!.id]: MAX_QUANTITY });
        const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
        expect(result).toMatchObject({ status: 'too-large', message: expect.stringContaining('₹5,00,000') });
        expect(await db.db.select().from(orders).where(eq(orders.customerId, customer.customerId))).toHaveLength(0);
      } finally {
        await db.db.update(menuItems).set({ pricePaise: items[0]!.pricePaise }).where(eq(menuItems.id, items[0]!.id));
      }
      const column = await db.db.execute<{ data_type: string }>(
        sql`select data_type from information_schema.columns where table_name = 'orders' and column_name = 'total_paise'`,
      );
      const rows = Array.isArray(column) ? column : (column as unknown as { rows: { data_type: string }[] }).rows;
      expect(rows[0]?.data_type).toBe('bigint');
      // And no admin can store a price past the cap.
      await expect(db.db.update(menuItems).set({ pricePaise: MAX_PRICE_PAISE + 1 }).where(eq(menuItems.id, items[0]!.id))).rejects.toThrow();
    });

    it('order.notify texts a status once, however often (and concurrently) it is delivered, and records it', async () => {
      const customer = await customerWithCart();
      const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (result.status !== 'placed') throw new Error(result.status);
      const payload = { orderId: result.order.id, status: 'placed' };
      const outcomes = await Promise.all([notifyOrder(payload), notifyOrder(payload), notifyOrder(payload)]);
      expect(outcomes.sort()).toEqual(['already-sent', 'already-sent', 'sent']);
      expect(await notifyOrder(payload)).toBe('already-sent');
      // A job of the type queued before every status had a text ({ orderId } means "placed").
      expect(ORDER_CONFIRM).toBe('order.confirm');
      expect(await notifyOrder({ orderId: result.order.id })).toBe('already-sent');
      const texts = (await readOutbox(redis, 200)).filter((message) => message.body.includes(`#${result.order.id.slice(0, 8)}`));
      expect(texts.map((message) => message.body)).toEqual([expect.stringMatching(/^Thali: order #[A-Za-z0-9_-]{8} placed, ₹[\d,.]+$/)]);
      const [event] = await db.db.select().from(orderEvents).where(eq(orderEvents.orderId, result.order.id));
      expect(event).toMatchObject({ status: 'placed', textClaimedAt: expect.any(Date), textSentAt: expect.any(Date) });
    });

    it('order.notify gives its claim back when the send fails, so the retry texts', async () => {
      const customer = await customerWithCart();
      const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (result.status !== 'placed') throw new Error(result.status);
      const failing = { name: 'outbox' as const, send: async () => Promise.reject(new Error('provider down')) };
      const payload = { orderId: result.order.id, status: 'placed' };
      const dayKey = smsKeys.sentDay(dayOf(Date.now()), 'order');
      const before = Number((await redis.get(dayKey)) ?? 0);
      await expect(notifyOrder(payload, { sender: failing })).rejects.toThrow('provider down');
      await expect(notifyOrder(payload, { sender: failing })).rejects.toThrow('provider down');
      // Surely not sent: the retries do not use up the day's cap (review finding: +1 per attempt).
      expect(Number(await redis.get(dayKey))).toBe(before);
      expect(await notifyOrder(payload)).toBe('sent');
      expect(Number(await redis.get(dayKey))).toBe(before + 1);
    });

    it('limits each customer’s placed orders per hour, with a message; refused and repeated submits do not count', async () => {
      // Review finding: one account placed 198 orders in 18 s, each five texts and a handful of rows.
      const customer = await customerWithCart();
      const refill = () => redis.hset(cartKeys.cart(cartOwners.customer(customer.customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${items[0]!.id}`]: '1' });
      const place = (idempotencyKey: string, addressId = customer.addressId) =>
        placeOrder(customer, { addressId, idempotencyKey }, { enqueue: recordEnqueue, orderBudget: { perHour: 2, perDay: 10 } });
      // A later review: refused submits (here a wrong address) used up the budget of a limiter taken first.
      for (let i = 0; i < 3; i++) expect((await place(key(), -1)).status).toBe('invalid');
      const first = key();
      expect((await place(first)).status).toBe('placed');
      expect(await place(first)).toMatchObject({ status: 'placed', created: false });
      await refill();
      expect((await place(key())).status).toBe('placed');
      await refill();
      const refused = await place(key());
      expect(refused).toMatchObject({ status: 'rate-limited', message: expect.stringMatching(/^That’s a lot of orders in an hour\. You can place another in \d+ min\.$/) });
      // Nothing was written, and the cart is still there for later.
      const placed = await db.db.select({ id: orders.id }).from(orders).where(eq(orders.customerId, customer.customerId));
      expect(placed).toHaveLength(2);
      expect((await readCart(cartOwners.customer(customer.customerId), redis)).items).toHaveLength(1);
      // A retry of a placed order still finds it; other customers are not limited.
      expect(await place(first)).toMatchObject({ status: 'placed', created: false });
      const other = await customerWithCart();
      expect((await placeOrder(other, { addressId: other.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue, orderBudget: { perHour: 2, perDay: 10 } })).status).toBe('placed');
    });

    it('limits each customer’s placed orders per day too: the hourly budget spent hour after hour', async () => {
      // Review finding: 20 an hour all day made 480 orders and 2,400 texts to one phone.
      const customer = await customerWithCart();
      const refill = () => redis.hset(cartKeys.cart(cartOwners.customer(customer.customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${items[0]!.id}`]: '1' });
      const place = () => placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue, orderBudget: { perHour: 2, perDay: 3 } });
      for (let i = 0; i < 3; i++) {
        expect((await place()).status).toBe('placed');
        await refill();
        // Each placed earlier in the day, so the hourly budget never binds.
        await db.db.update(orders).set({ createdAt: sql`now() - interval '3 hours' + ${`${i} minutes`}::interval` }).where(and(eq(orders.customerId, customer.customerId), sql`${orders.createdAt} > now() - interval '1 hour'`));
      }
      const refused = await place();
      expect(refused).toMatchObject({ status: 'rate-limited', message: 'That’s a lot of orders today. You can place another in 21 hours.' });
      expect(await db.db.select({ id: orders.id }).from(orders).where(eq(orders.customerId, customer.customerId))).toHaveLength(3);
      // A day later the oldest no longer counts.
      await db.db.update(orders).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(orders.customerId, customer.customerId));
      expect((await place()).status).toBe('placed');
    });

    it('limits the orders placed from one address (and its block) per day, whichever customers place them; refusals and repeats spend nothing', async () => {
      // Attack review: one address signs in 30 numbers a day, and each placed (and cancelled) its own
      // 40 orders a day, each a text and rows: 1,200 orders a day from one address, 8,400 with a
      // week of sessions, where the address's own sign-in codes are 30 texts a day.
      const cooldowns = addressBudgets(3);
      const ip = `198.51.${Math.floor(Math.random() * 200)}.7`;
      const place = (customer: { customerId: number; addressId: number }, idempotencyKey = key(), addressId = customer.addressId, from = ip) =>
        placeOrder(customer, { addressId, idempotencyKey, ip: from }, { enqueue: recordEnqueue, cooldowns });
      const first = await customerWithCart();
      // A refused submit (a wrong address) and a repeat of a placed one are not orders placed.
      expect((await place(first, key(), -1)).status).toBe('invalid');
      const firstKey = key();
      expect((await place(first, firstKey)).status).toBe('placed');
      expect(await place(first, firstKey)).toMatchObject({ status: 'placed', created: false });
      expect((await place(await customerWithCart())).status).toBe('placed');
      expect((await place(await customerWithCart())).status).toBe('placed');
      // A fourth customer from the same address is refused with a message, and nothing is written.
      const fourth = await customerWithCart();
      expect(await place(fourth)).toMatchObject({ status: 'rate-limited', message: expect.stringMatching(/^Too many orders from your network today\. You can place another in \d+ hours\.$/) });
      expect(await db.db.select({ id: orders.id }).from(orders).where(eq(orders.customerId, fourth.customerId))).toHaveLength(0);
      expect((await readCart(cartOwners.customer(fourth.customerId), redis)).items).toHaveLength(2);
      // Other addresses of the same /24 have their own budgets, and share the block's (five times as large).
      const neighbour = (n: number) => ip.replace(/\.7$/, `.${10 + n}`);
      expect((await place(fourth, key(), fourth.addressId, neighbour(0))).status).toBe('placed');
      for (let n = 0; n < 11; n++) expect((await place(await customerWithCart(), key(), undefined, neighbour(1 + Math.floor(n / 3)))).status).toBe('placed');
      expect((await place(await customerWithCart(), key(), undefined, neighbour(9))).status).toBe('rate-limited');
      // Without an address (a script) no address budget applies.
      const scripted = await customerWithCart();
      expect((await placeOrder(scripted, { addressId: scripted.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue, cooldowns })).status).toBe('placed');
      // A budget that can't be spent (it falls back rather than throw, but if it threw) leaves the cart unclaimed.
      const broken = { spend: async () => { throw new Error('cooldown store gone'); } };
      const unlucky = await customerWithCart();
      await expect(placeOrder(unlucky, { addressId: unlucky.addressId, idempotencyKey: key(), ip: neighbour(20) }, { enqueue: recordEnqueue, cooldowns: broken })).rejects.toThrow('cooldown store gone');
      expect((await place(unlucky, key(), unlucky.addressId, '203.0.113.99')).status).toBe('placed');
    });

    // Review: with the give-back on a thrown placement taken out, every test here passed.
    it('a checkout whose placing throws (Postgres lost mid-way) gives the address budget back', async () => {
      const cooldowns = addressBudgets(1);
      const ip = `198.18.${Math.floor(Math.random() * 256)}.9`;
      const customer = await customerWithCart();
      const lost = new Proxy(db.db, {
        get: (target, property, receiver) => (property === 'transaction' ? () => Promise.reject(new Error('connection lost')) : Reflect.get(target, property, receiver)),
      });
      const input = () => ({ addressId: customer.addressId, idempotencyKey: key(), ip });
      await expect(placeOrder(customer, input(), { enqueue: recordEnqueue, cooldowns, db: lost })).rejects.toThrow('connection lost');
      // The address's one order of the day is still there to place.
      expect((await placeOrder(customer, input(), { enqueue: recordEnqueue, cooldowns })).status).toBe('placed');
    });

    it('a checkout whose COMMIT went unanswered keeps the address budget spent unless its order turns out not placed', async () => {
      // Fault review "faults": the COMMIT was sent and Postgres froze; the order may stand all the same
      // (the first case: it did), and giving its unit back let the address place one order more than its day's.
      for (const committed of [true, false]) {
        const cooldowns = addressBudgets(1);
        const ip = `198.18.${Math.floor(Math.random() * 256)}.${committed ? 11 : 12}`;
        const customer = await customerWithCart();
        let answer!: () => void;
        const unanswered = new Proxy(db.db, {
          get: (target, property, receiver) =>
            property === 'transaction'
              ? async (run: (tx: typeof db.db) => Promise<unknown>) => {
                  if (committed) await target.transaction(run);
                  const error = new TransactionDeadlineError('commit', 6_000, false);
                  error.answered = new Promise<void>((resolve) => (answer = resolve));
                  throw error;
                }
              : Reflect.get(target, property, receiver),
        });
        let decided: Promise<void> | undefined;
        const deps = { enqueue: recordEnqueue, cooldowns, db: unanswered, onUnknownCommit: (settled: Promise<void>) => void (decided = settled) };
        await expect(placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key(), ip }, deps)).rejects.toThrow('(commit)');
        const other = await customerWithCart();
        const again = () => placeOrder(other, { addressId: other.addressId, idempotencyKey: key(), ip }, { enqueue: recordEnqueue, cooldowns });
        // Before Postgres answers the COMMIT nobody knows whether the order stands: the unit stays spent.
        expect((await again()).status).toBe('rate-limited');
        answer();
        expect(decided).toBeDefined();
        await decided;
        // It committed: the address's one order of the day is that one. It rolled back: the unit is back.
        expect((await again()).status).toBe(committed ? 'rate-limited' : 'placed');
      }
    });

    it('order texts count toward a daily SMS cap of their own, and past it are not sent', async () => {
      // Review finding: only sign-in codes were counted, so orders could send texts without bound.
      const customer = await customerWithCart();
      const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (result.status !== 'placed') throw new Error(result.status);
      const dayKey = smsKeys.sentDay(dayOf(Date.now()), 'order');
      const codesKey = smsKeys.sentDay(dayOf(Date.now()), 'otp');
      const [before, codesBefore] = [Number((await redis.get(dayKey)) ?? 0), await redis.get(codesKey)];
      const payload = { orderId: result.order.id, status: 'placed' };
      expect(await notifyOrder(payload, { smsDailyCap: before })).toBe('over-cap');
      expect(Number(await redis.get(dayKey))).toBe(before + 1);
      // Their own count: orders can't use up what sign-in codes need (a later review's finding).
      expect(await redis.get(codesKey)).toBe(codesBefore);
      // Not sent, and not sent later either: its claim is kept.
      expect(await notifyOrder(payload)).toBe('already-sent');
      const texts = (await readOutbox(redis, 200)).filter((message) => message.body.includes(`#${result.order.id.slice(0, 8)}`));
      expect(texts).toEqual([]);
      const [event] = await db.db.select().from(orderEvents).where(eq(orderEvents.orderId, result.order.id));
      expect(event).toMatchObject({ textClaimedAt: expect.any(Date), textSentAt: null });
    });

    it('the first step clears the cart its checkout could not, and only that cart', async () => {
      const noJobs = async () => {};
      for (const leftBehind of [true, false]) {
        const customer = await customerWithCart();
        const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: noJobs });
        if (result.status !== 'placed') throw new Error(result.status);
        // As if Redis had failed checkout's clear: the ordered cart, its generation and all. Else a cart started since.
        const cartKey = cartKeys.cart(cartOwners.customer(customer.customerId));
        const generation = leftBehind ? result.order.cartGeneration! : 'a-newer-cart';
        await redis.hset(cartKey, { restaurant: restaurant.slug, generation, [`item:${restaurant.slug}:${items[0]!.id}`]: '2' });
        expect(await advanceOrder({ orderId: result.order.id, to: 'accepted' }, { enqueue: noJobs })).toMatchObject({ status: 'advanced' });
        expect(await redis.exists([cartKey])).toBe(leftBehind ? 0 : 1);
      }
    });

    it('order.advance moves one step per duplicate set and schedules the next step as a delayed job', async () => {
      const customer = await customerWithCart();
      const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() }, { enqueue: recordEnqueue });
      if (result.status !== 'placed') throw new Error(result.status);
      const orderId = result.order.id;
      const next: Enqueued[] = [];
      const deps = {
        enqueue: async (queue: string, job: Omit<Enqueued, 'queue' | 'delayMs'>, options?: { delayMs?: number }) =>
          void next.push({ queue, ...job, delayMs: options?.delayMs }),
      };
      const payload = { orderId, to: 'accepted' };
      const outcomes = await Promise.all([advanceOrder(payload, deps), advanceOrder(payload, deps)]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['advanced', 'already']);
      const [row] = await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
      expect(row!.status).toBe('accepted');
      // One event for the step, with its time and its text still to send.
      const events = await db.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
      expect(events.map((event) => [event.status, event.textClaimedAt]).sort()).toEqual([
        ['accepted', null],
        ['placed', null],
      ]);
      const steps = next.filter((job) => job.type === ORDER_ADVANCE);
      expect(steps.every((job) => job.idempotencyKey === `order:${orderId}:advance:preparing`)).toBe(true);
      expect(steps.every((job) => job.delayMs === 20)).toBe(true);
      expect((steps[0]!.payload as { to: string }).to).toBe('preparing');
      expect(next.filter((job) => job.type === ORDER_NOTIFY).map((job) => job.idempotencyKey)).toEqual([
        `order:${orderId}:notify:accepted`,
        `order:${orderId}:notify:accepted`,
      ]);

      // Once further along, a late duplicate of an old step changes nothing and schedules nothing.
      // A payload from before steps were delayed jobs carries dueAt: still accepted (and not waited for).
      await advanceOrder({ orderId, to: 'preparing', dueAt: Date.now() + 3_600_000 }, deps);
      next.length = 0;
      expect(await advanceOrder(payload, deps)).toEqual({ status: 'stale' });
      expect(next).toHaveLength(0);
      const [after] = await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
      expect(after!.status).toBe('preparing');
    });

    it('through the real queue: placed → … → delivered, one text per status, each step’s time recorded', async () => {
      const customer = await customerWithCart();
      const result = await placeOrder(customer, { addressId: customer.addressId, idempotencyKey: key() });
      if (result.status !== 'placed') throw new Error(result.status);
      // The first step waits in the delayed set (no worker sleeps through the simulated delay).
      const delayed = await redis.zrange(queueKeys.delayed('orders'), 0, -1);
      const steps = await Promise.all(delayed.map(({ member }) => redis.hget(queueKeys.job('orders', jobIdOfDelayedMember(member)), 'payload')));
      expect(steps).toContain(JSON.stringify({ orderId: result.order.id, to: 'accepted' }));
      expect(await redis.llen(queueKeys.ready('orders'))).toBe(0);
      const seen = new Set<string>();
      const deadline = Date.now() + 15_000;
      for (;;) {
        await drainQueues({ maxJobs: 10, maxMs: 2_000 });
        const [row] = await db.db.select({ status: orders.status }).from(orders).where(eq(orders.id, result.order.id));
        seen.add(row!.status);
        if (row!.status === 'delivered' || Date.now() > deadline) break;
      }
      expect(seen.has('delivered')).toBe(true);
      await drainQueues({ queues: ['notifications'] });
      const texts = (await readOutbox(redis, 200)).filter((message) => message.body.includes(`#${result.order.id.slice(0, 8)}`));
      expect(texts).toHaveLength(5);
      expect(new Set(texts.map((message) => message.body)).size).toBe(5);
      const events = await db.db.select().from(orderEvents).where(eq(orderEvents.orderId, result.order.id)).orderBy(orderEvents.at);
      expect(events.map((event) => event.status)).toEqual(['placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered']);
    });
  });
}
