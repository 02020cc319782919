import 'server-only';

import { randomBytes } from 'node:crypto';

import { and, eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { commitAnswered, mayHaveCommitted } from '@/db/deadline-outcome';
import { orderEvents, orderItems, orders, type Order } from '@/db/schema';
import { ownAddress } from '@/lib/addresses/addresses';
import { formatAddress, instructionsSchema } from '@/lib/addresses/schema';
import { cartToOrder, clearCart, clearOrderedCart } from '@/lib/cart/cart';
import { cartOwners, type CartOwner } from '@/lib/cart/keys';
import type { CustomerSession } from '@/lib/customers/session';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/queue';
import type { Cooldowns, CooldownSpend } from '@/lib/ratelimit/cooldown';
import { rateLimitState } from '@/lib/ratelimit/state';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { ADDRESS_LIMITED, addressOrderLimits, keepSpentUnlessNotPlaced } from './address-budget';
import { claimCart, releaseCart } from './cart-claim';
import { enqueueOrderJobs } from './job-types';
import { orderLimit, type OrderBudget, type OrderRefusal } from './order-budget';
import { cartWasOrdered } from './queries';
import { quoteCart } from './quote';

/**
 * Checkout. The cart (Redis) says what and how many; Postgres, read inside the transaction and never
 * through the menu cache, says the prices, fees and offer (the bill: quote.ts, bill.ts) and whether
 * each item can still be ordered; the address must be one of the customer's own. Payment is cash on
 * delivery. The order (with its bill, address and instructions as they were), its
 * items (name and price snapshot) and its "placed" event (lib/orders/texts.ts sends its text) are one
 * transaction, guarded by the unique index on
 * (customer_id, idempotency_key): a double submit carries the same key, so the second insert does
 * nothing and finds the first order. Only after the commit is the cart cleared and are the jobs
 * (confirmation text, first status step) enqueued.
 *
 * One cart, one order: submits with different keys (two checkout tabs) each read the cart before
 * the other cleared it, so each placed an order of it (sweep finding: 8 concurrent submits, 8 orders).
 * A submit first claims the cart (`SET NX PX` of cartKeys.checkout, on every Redis driver) and holds
 * the claim from reading the cart until the cart is cleared; another key meanwhile gets "busy", and
 * after it the cart is empty. The same key is let through (a retry or double click of the same form:
 * the unique index still gives it the one order), and once its order is placed it frees that claim
 * too (one whose SET answer was lost has no other owner). A failed or refused checkout gives the
 * claim back, so the cart can be ordered at once; a process that dies mid-checkout holds it
 * CHECKOUT_CLAIM_TTL_MS.
 *
 * The claim is Redis's, and can fail: a same-key resubmit goes on without it, and its first submit may
 * fail and give the claim to another tab; a failover may drop it; an order whose cart could not be
 * cleared leaves that cart behind once the claim expires. Each could order one cart twice. Postgres
 * settles it: the order records the cart's generation (lib/cart/cart.ts cartToOrder), unique per
 * customer, so the second order of a cart conflicts and its submit is told the cart was ordered.
 */

export type CheckoutResult =
  | { status: 'placed'; order: Order; created: boolean }
  | { status: 'invalid-key'; message: string }
  | { status: 'invalid'; message: string; field: 'address' | 'instructions' }
  | { status: 'empty'; message: string }
  | { status: 'closed'; message: string }
  | { status: 'too-large'; message: string }
  | { status: 'unavailable'; message: string; items: string[] }
  | { status: 'busy'; message: string }
  /** The bill is no longer the one the customer was shown (another tab changed the cart, or a price moved). */
  | { status: 'changed'; message: string }
  | OrderRefusal;

/** Shown when the chosen address was deleted after the checkout page rendered (the page then lists the rest). */
export const ADDRESS_GONE = 'The address you chose is no longer saved (deleted in another tab?). Choose another address or add a new one.';

/**
 * The total the checkout page showed ("Place order · ₹384.40") is not what this cart costs now: a
 * dish added in another tab, or a price changed since the page rendered. Placing it anyway charged
 * an amount the customer never saw (review finding: ₹939.85 placed from a button saying ₹384.40).
 */
export const BILL_CHANGED = 'Your cart or its prices changed since this page loaded. Check the updated bill, then place your order.';

/** Shown to a submit whose cart another checkout placed meanwhile (its order holds the cart's generation). */
export const CART_ORDERED = 'This cart has just been ordered from another tab or device: see your orders.';

/** Shown to a submit whose cart another checkout (another tab, another device) is ordering right now. */
export const CART_BUSY =
  'This cart is being ordered from another tab or device. Check your orders in a moment; if nothing was placed, try again.';

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
  /** Orders one customer may place in an hour and a day; RATE_LIMIT_ORDERS_PER_HOUR and _PER_DAY by default. */
  orderBudget?: OrderBudget;
  /** The per-address order budgets (`orders:*:day`); the process's by default, `null` skips them (tests). */
  cooldowns?: Pick<Cooldowns, 'spend'> | null;
  /** Told when a checkout whose COMMIT went unanswered has decided its address budget (tests). */
  onUnknownCommit?: (decided: Promise<void>) => void;
}

async function existingOrder(db: Database, customerId: number, idempotencyKey: string): Promise<Order | null> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.idempotencyKey, idempotencyKey)));
  return order ?? null;
}

/** What the transaction decided; 'ordered': another key's submit placed this cart (the cart is left over). */
type Committed =
  | { status: 'placed'; order: Order; created: boolean }
  | { status: 'ordered'; message: string; generation: string }
  | Exclude<CheckoutResult, { status: 'placed' }>;

async function placeFromCart(
  db: Database,
  store: RedisStore,
  owner: CartOwner,
  customer: Pick<CustomerSession, 'customerId'>,
  input: CheckoutInput,
  budget: OrderBudget,
): Promise<Committed> {
  const { idempotencyKey } = input;
  const cart = await cartToOrder(owner, store);
  if (cart === null) {
    // A double submit whose first request has committed and cleared the cart in the meantime.
    const placed = await existingOrder(db, customer.customerId, idempotencyKey);
    if (placed) return { status: 'placed', order: placed, created: false };
    return { status: 'empty', message: 'Your cart is empty: add something from a menu first.' };
  }
  const instructions = instructionsSchema.safeParse(input.instructions ?? '');
  if (!instructions.success) {
    return { status: 'invalid', field: 'instructions', message: instructions.error.issues[0]?.message ?? 'Check the delivery instructions.' };
  }
  const address = await ownAddress(customer.customerId, input.addressId, db);
  if (!address) {
    // An id the form sent but no longer saved: most likely deleted in another tab since the page rendered.
    const message = Number.isSafeInteger(input.addressId) ? ADDRESS_GONE : 'Choose a delivery address.';
    return { status: 'invalid', field: 'address', message };
  }

  return db.transaction(async (tx): Promise<Committed> => {
    const quote = await quoteCart(cart, tx);
    if (quote.status === 'closed' || quote.status === 'empty' || quote.status === 'too-large') {
      return { status: quote.status, message: quote.message };
    }
    if (quote.status === 'unavailable') return { status: 'unavailable', message: quote.message, items: quote.items };
    const limited = await orderLimit(tx, customer.customerId, budget);
    if (limited) return limited;
    const { restaurant, lines, bill } = quote;
    if (input.expectedTotalPaise !== undefined && input.expectedTotalPaise !== bill.totalPaise) {
      return { status: 'changed', message: BILL_CHANGED };
    }

    const [inserted] = await tx
      .insert(orders)
      .values({
        id: newOrderId(),
        customerId: customer.customerId,
        restaurantId: restaurant.id,
        totalPaise: bill.totalPaise,
        itemTotalPaise: bill.itemTotalPaise,
        deliveryFeePaise: bill.deliveryFeePaise,
        packagingFeePaise: bill.packagingFeePaise,
        gstPaise: bill.gstPaise,
        discountPaise: bill.discountPaise,
        offerLabel: bill.offerLabel,
        deliveryAddress: formatAddress(address),
        deliveryInstructions: instructions.data === '' ? null : instructions.data,
        paymentMethod: 'cod',
        etaAt: sql`now() + make_interval(mins => ${restaurant.deliveryMinutes})`,
        idempotencyKey,
        cartGeneration: cart.generation,
      })
      // Either unique index: this key's order, or this cart's.
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      // Another submit won (Postgres waited for its commit before deciding the conflict): the same
      // key's finds its order; another key's placed this cart.
      const first = await existingOrder(tx, customer.customerId, idempotencyKey);
      if (first) return { status: 'placed', order: first, created: false };
      if (!(await cartWasOrdered(customer.customerId, cart.generation, tx))) throw new Error('order insert conflicted but no order has its key or cart');
      return { status: 'ordered', message: CART_ORDERED, generation: cart.generation };
    }
    await tx.insert(orderItems).values(lines.map((line) => ({ orderId: inserted.id, ...line })));
    await tx.insert(orderEvents).values({ orderId: inserted.id, status: 'placed', at: inserted.createdAt });
    return { status: 'placed', order: inserted, created: true };
  });
}

export interface CheckoutInput {
  idempotencyKey: string;
  addressId: number;
  instructions?: string;
  /** The total the customer was shown and agreed to; a different bill now is refused ('changed'). */
  expectedTotalPaise?: number;
  /** The client address that submits it (lib/ratelimit/client-identity.ts), whose day's orders are bounded; none from scripts. */
  ip?: string;
}

export async function placeOrder(
  customer: Pick<CustomerSession, 'customerId'>,
  input: CheckoutInput,
  deps: CheckoutDeps = {},
): Promise<CheckoutResult> {
  const { idempotencyKey } = input;
  if (!isIdempotencyKey(idempotencyKey)) {
    return { status: 'invalid-key', message: 'This checkout form is out of date. Reload the page and try again.' };
  }
  const db = deps.db ?? getDb();
  const repeat = await existingOrder(db, customer.customerId, idempotencyKey);
  if (repeat) return { status: 'placed', order: repeat, created: false };

  const store = deps.store ?? getRedis();
  const owner = cartOwners.customer(customer.customerId);
  const claim = await claimCart(store, owner, idempotencyKey);
  if (claim === 'busy') return { status: 'busy', message: CART_BUSY };

  // Taken before placing, so concurrent submits from many accounts can't all pass, and given back
  // below unless this call placed an order (a refusal or a repeat spends nothing).
  const cooldowns = input.ip === undefined ? null : deps.cooldowns === undefined ? rateLimitState().cooldowns : deps.cooldowns;
  let spent: CooldownSpend | undefined;
  try {
    spent = cooldowns && input.ip !== undefined ? await cooldowns.spend(addressOrderLimits(input.ip)) : undefined;
  } catch (error) {
    await releaseCart(store, owner, claim);
    throw error;
  }
  if (spent?.blocked) {
    await releaseCart(store, owner, claim);
    return ADDRESS_LIMITED(Math.ceil(spent.retryAfterMs / 1_000));
  }
  const giveBack = async () => {
    if (spent && !spent.blocked) await spent.giveBack().catch(() => {});
  };

  let result: Committed;
  try {
    result = await placeFromCart(db, store, owner, customer, input, deps.orderBudget ?? { perHour: getEnv().RATE_LIMIT_ORDERS_PER_HOUR, perDay: getEnv().RATE_LIMIT_ORDERS_PER_DAY });
  } catch (error) {
    if (mayHaveCommitted(error)) {
      // The COMMIT was sent and never answered: the order may stand, so its unit stays spent until
      // Postgres's answer shows no order has this key (never, when the connection broke instead).
      const decided = keepSpentUnlessNotPlaced(commitAnswered(error), () => existingOrder(db, customer.customerId, idempotencyKey), giveBack);
      deps.onUnknownCommit?.(decided);
    } else await giveBack();
    await releaseCart(store, owner, claim);
    throw error;
  }
  if (result.status !== 'placed' || !result.created) await giveBack();
  if (result.status === 'ordered') {
    // Another key's order has this cart. Usually its checkout has cleared it; one whose clear failed
    // left it behind, and a cart nobody can order goes now.
    await clearOrderedCart(owner, result.generation, store).catch((error: unknown) => {
      log.warn('checkout: an ordered cart could not be cleared', { error: error instanceof Error ? error.message : String(error) });
    });
    await releaseCart(store, owner, claim);
    return { status: 'empty', message: result.message };
  }
  if (result.status !== 'placed' || !result.created) {
    // Refused, or the same key's other submit placed it: the cart is as it was (or already cleared).
    await releaseCart(store, owner, claim);
    return result;
  }
  try {
    // Only the cart this order holds: one started anew meanwhile (another tab's "Start a new cart?") stays.
    const generation = result.order.cartGeneration;
    await (generation === null ? clearCart(owner, store) : clearOrderedCart(owner, generation, store));
    await releaseCart(store, owner, claim, true);
  } catch (error) {
    // The order stands; a cart left behind is only an inconvenience: its generation is this order's,
    // so nobody can order it again, and the order's first step (steps.ts) or the next checkout of it
    // clears it. The claim is kept until it expires, so meanwhile another tab is told "busy" rather
    // than "already ordered".
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
