import 'server-only';

import { randomBytes } from 'node:crypto';

import { and, eq, inArray } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { menuItems, orderEvents, orderItems, orders, restaurants, type Order } from '@/db/schema';
import { clearCart, readCart } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import type { CustomerSession } from '@/lib/customers/session';
import { formatRupees } from '@/lib/format';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/queue';
import type { RedisStore } from '@/lib/redis/types';

import { enqueueOrderJobs } from './job-types';
import { MAX_ORDER_TOTAL_PAISE } from './limits';

/**
 * Checkout. The cart (Redis) says what and how many; Postgres, read inside the transaction and never
 * through the menu cache, says the prices and whether each item can still be ordered. The order, its
 * items (name and price snapshot) and its "placed" event (lib/orders/texts.ts sends its text) are one
 * transaction, guarded by the unique index on
 * (customer_id, idempotency_key): a double submit carries the same key, so the second insert does
 * nothing and finds the first order. Only after the commit is the cart cleared and are the jobs
 * (confirmation text, first status step) enqueued.
 */

export type CheckoutResult =
  | { status: 'placed'; order: Order; created: boolean }
  | { status: 'invalid-key'; message: string }
  | { status: 'empty'; message: string }
  | { status: 'closed'; message: string }
  | { status: 'too-large'; message: string }
  | { status: 'unavailable'; message: string; items: string[] };

/** 128 random bits, base64url (22 characters): an order id nobody can guess. */
export function newOrderId(): string {
  return randomBytes(16).toString('base64url');
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,100}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

export interface CheckoutDeps {
  db?: Database;
  store?: RedisStore;
  /** Replaces lib/queue's enqueue (tests). */
  enqueue?: typeof enqueue;
}

async function existingOrder(db: Database, customerId: number, idempotencyKey: string): Promise<Order | null> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.idempotencyKey, idempotencyKey)));
  return order ?? null;
}

type Committed = { status: 'placed'; order: Order; created: boolean } | Exclude<CheckoutResult, { status: 'placed' }>;

export async function placeOrder(
  customer: Pick<CustomerSession, 'customerId'>,
  input: { idempotencyKey: string },
  deps: CheckoutDeps = {},
): Promise<CheckoutResult> {
  const { idempotencyKey } = input;
  if (!isIdempotencyKey(idempotencyKey)) {
    return { status: 'invalid-key', message: 'This checkout form is out of date. Reload the page and try again.' };
  }
  const db = deps.db ?? getDb();
  const repeat = await existingOrder(db, customer.customerId, idempotencyKey);
  if (repeat) return { status: 'placed', order: repeat, created: false };

  const cart = await readCart(cartOwners.customer(customer.customerId), deps.store);
  if (cart.restaurant === null || cart.items.length === 0) {
    // A double submit whose first request has committed and cleared the cart in the meantime.
    const placed = await existingOrder(db, customer.customerId, idempotencyKey);
    if (placed) return { status: 'placed', order: placed, created: false };
    return { status: 'empty', message: 'Your cart is empty: add something from a menu first.' };
  }
  const restaurantSlug = cart.restaurant;

  const result = await db.transaction(async (txRaw): Promise<Committed> => {
    const tx = txRaw as unknown as Database;
    const [restaurant] = await tx
      .select({ id: restaurants.id, name: restaurants.name, isOpen: restaurants.isOpen })
      .from(restaurants)
      .where(eq(restaurants.slug, restaurantSlug));
    if (!restaurant) return { status: 'unavailable', message: 'This restaurant is no longer on Thali.', items: [] };
    if (!restaurant.isOpen) {
      return { status: 'closed', message: `${restaurant.name} is closed right now: it can't take your order.` };
    }
    const ids = cart.items.map((line) => line.itemId);
    const rows = await tx
      .select({ id: menuItems.id, name: menuItems.name, pricePaise: menuItems.pricePaise, available: menuItems.available })
      .from(menuItems)
      .where(and(eq(menuItems.restaurantId, restaurant.id), inArray(menuItems.id, ids)));
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = cart.items.filter((line) => !byId.get(line.itemId)?.available);
    if (missing.length > 0) {
      const names = missing.map((line) => byId.get(line.itemId)?.name ?? `item ${line.itemId}`);
      return {
        status: 'unavailable',
        message: `Not available any more: ${names.join(', ')}. Remove ${missing.length === 1 ? 'it' : 'them'} from your cart to check out.`,
        items: names,
      };
    }
    const lines = cart.items.map((line, position) => {
      const item = byId.get(line.itemId)!;
      return { menuItemId: item.id, name: item.name, pricePaise: item.pricePaise, quantity: line.quantity, position };
    });
    const totalPaise = lines.reduce((sum, line) => sum + line.pricePaise * line.quantity, 0);
    if (totalPaise > MAX_ORDER_TOTAL_PAISE) {
      return {
        status: 'too-large',
        message: `An order can total at most ${formatRupees(MAX_ORDER_TOTAL_PAISE)}: remove some items to check out.`,
      };
    }

    const [inserted] = await tx
      .insert(orders)
      .values({ id: newOrderId(), customerId: customer.customerId, restaurantId: restaurant.id, totalPaise, idempotencyKey })
      .onConflictDoNothing({ target: [orders.customerId, orders.idempotencyKey] })
      .returning();
    if (!inserted) {
      // The other submit won (Postgres waited for its commit before deciding the conflict).
      const first = await existingOrder(tx, customer.customerId, idempotencyKey);
      if (!first) throw new Error('order insert conflicted but no order has the key');
      return { status: 'placed', order: first, created: false };
    }
    await tx.insert(orderItems).values(lines.map((line) => ({ orderId: inserted.id, ...line })));
    await tx.insert(orderEvents).values({ orderId: inserted.id, status: 'placed', at: inserted.createdAt });
    return { status: 'placed', order: inserted, created: true };
  });

  if (result.status !== 'placed' || !result.created) return result;
  try {
    await clearCart(cartOwners.customer(customer.customerId), deps.store);
  } catch (error) {
    // The order stands; a cart left behind is only an inconvenience.
    log.warn('checkout: the cart could not be cleared', { error: error instanceof Error ? error.message : String(error) });
  }
  try {
    await enqueueOrderJobs(result.order.id, deps.enqueue ?? enqueue);
  } catch (error) {
    // Committed: the customer has an order either way. Its jobs are missing until the reconciler
    // (lib/orders/reconcile.ts) resumes it from Postgres, a few step delays from now.
    log.error('checkout: the order was placed but its jobs could not be enqueued; the reconciler will retry', {
      orderId: result.order.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return result;
}
