import 'server-only';

import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb, type Database } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { clearOrderedCart } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/queue';
import type { RedisStore } from '@/lib/redis/types';

import { advanceJob, notifyJob, stepDelay, type OrderJobDeps } from './job-types';
import { isOrderStep, nextStatus, stepBefore, type OrderStep } from './status';

// Payloads enqueued before steps were delayed jobs also carry `dueAt`; it is ignored (stripped).
// Only steps: `cancelled` is the customer's (cancel.ts), never a job's.
const advancePayload = z.object({ orderId: z.string().min(1), to: z.string().refine(isOrderStep) });

/** `alsoInTransaction`: written in the step's own transaction when it moves the order (an admin's audit entry: admin-audit.ts). */
export type AdvanceDeps = OrderJobDeps & { alsoInTransaction?: (tx: Database) => Promise<void> };

export type AdvanceOutcome = { status: 'advanced' | 'already'; to: OrderStep; next: OrderStep | null } | { status: 'no-order' | 'stale' };

/**
 * Moves an order one step: `UPDATE … WHERE status = <the step before>` together with the step's event
 * row (its time, and its text to send) in one transaction, so a duplicate delivery changes nothing
 * and a step can't be recorded without its text or the other way round. Then it enqueues the text
 * and the next step, also when this delivery changed nothing (the first may have crashed before
 * enqueueing them): duplicates are absorbed by the text's claim and the next step's conditional update.
 * A step delivered early (a queue whose clock runs ahead, an admin retrying a dead letter, the
 * reconciler) simply runs: the delay is a simulation. A cancelled order is in no step's `from`, so
 * every step of it changes nothing, enqueues nothing and texts nobody ('stale').
 */
export async function advanceOrder(payload: unknown, deps: AdvanceDeps = {}): Promise<AdvanceOutcome> {
  const { orderId, to: target } = advancePayload.parse(payload);
  const to = target as OrderStep;
  const from = stepBefore(to);
  if (!from) throw new Error(`"${to}" is not a step an order advances to`);
  const db = deps.db ?? getDb();

  const advanced = await db.transaction(async (tx) => {
    const updated = await tx
      .update(orders)
      .set({ status: to, updatedAt: sql`now()` })
      .where(and(eq(orders.id, orderId), eq(orders.status, from)))
      .returning({ id: orders.id });
    if (updated.length === 0) return false;
    await tx.insert(orderEvents).values({ orderId, status: to, at: sql`now()` }).onConflictDoNothing();
    await deps.alsoInTransaction?.(tx);
    return true;
  });
  const [current] = await db
    .select({ status: orders.status, customerId: orders.customerId, cartGeneration: orders.cartGeneration })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!current) return { status: 'no-order' };
  if (to === 'accepted') await clearLeftBehindCart(current, deps.store);
  // Past this step already (a late duplicate: the step that moved it on scheduled what follows), or
  // cancelled: nothing follows.
  if (current.status !== to) return { status: 'stale' };
  const next = nextStatus(to);
  const enqueueJob = deps.enqueue ?? enqueue;
  await enqueueJob('notifications', notifyJob(orderId, to));
  if (next) await enqueueJob('orders', advanceJob(orderId, next), stepDelay());
  return { status: advanced ? 'advanced' : 'already', to, next };
}

/**
 * The first step clears the cart its order was placed from, if checkout could not (Redis failed
 * right after the commit): else it stays in the customer's cart until its TTL, dishes they already
 * ordered. Only that generation's cart (a new one stays). Best effort: a step is never held back for it.
 */
async function clearLeftBehindCart(order: { customerId: number; cartGeneration: string | null }, store: RedisStore | undefined): Promise<void> {
  if (order.cartGeneration === null) return;
  await clearOrderedCart(cartOwners.customer(order.customerId), order.cartGeneration, store).catch((error: unknown) => {
    log.warn('order step: its cart could not be cleared', { error: error instanceof Error ? error.message : String(error) });
  });
}
