import 'server-only';

import { and, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/queue';

import { notifyJob, type OrderJobDeps } from './job-types';
import { CANCELLABLE_STATUS, isOrderId, type OrderStatus } from './status';

/**
 * `cancelled`: this call cancelled it. `already-cancelled`: it was cancelled before (a double click, a
 * replayed request): the same cancellation, nothing changed. `too-late`: the restaurant accepted it
 * (or it moved further) first; nothing changed. `not-found`: no such order, or someone else's (the
 * same answer, so ids can't be probed).
 */
export type CancelOutcome =
  | { status: 'cancelled' | 'already-cancelled' }
  | { status: 'too-late'; current: OrderStatus }
  | { status: 'not-found' };

/**
 * A customer cancels their order, until the restaurant accepts it. Decided in Postgres by one
 * conditional `UPDATE orders … WHERE status = 'placed'`, the same row and the same condition as the
 * "accepted" step's (steps.ts): whichever commits first wins and the other matches no row, in any
 * order of arrival, on any instance. In the same transaction: the `cancelled` event (its time and
 * its text, claimed like every step's, texts.ts) and the `placed` text, if nobody has claimed it yet,
 * marked handled so it never goes out after the cancellation. The order's pending step jobs and the
 * reconciler then find a status no step moves from, and do nothing.
 */
export async function cancelOrder(customerId: number, orderId: string, deps: OrderJobDeps = {}): Promise<CancelOutcome> {
  if (!isOrderId(orderId)) return { status: 'not-found' };
  const db = deps.db ?? getDb();
  const own = and(eq(orders.id, orderId), eq(orders.customerId, customerId));

  const cancelled = await commitCancel(db, orderId, and(own, eq(orders.status, CANCELLABLE_STATUS))!, null);
  const [current] = await db.select({ status: orders.status }).from(orders).where(own);
  if (!current) return { status: 'not-found' };
  if (current.status !== 'cancelled') return { status: 'too-late', current: current.status };
  if (!cancelled) return { status: 'already-cancelled' };
  await enqueueCancelledText(orderId, deps);
  return { status: 'cancelled' };
}

/**
 * The cancellation itself, the customer's and the restaurant admin's (admin-cancel.ts) alike: one
 * conditional `UPDATE orders … WHERE <condition>` (the condition names the statuses it may cancel
 * from, the very rows a step's `WHERE status = <the step before>` needs), so of a cancel and a step,
 * or two cancels, whichever commits second matches no row. In the same transaction the `cancelled`
 * event (its time, its text to claim) and every earlier status's text nobody has claimed yet marked
 * handled, so none arrives after the cancellation, and `alsoInTransaction` (an admin's audit entry:
 * admin-audit.ts). True when this call cancelled it.
 */
export async function commitCancel(
  db: Database,
  orderId: string,
  condition: SQL,
  reason: string | null,
  alsoInTransaction?: (tx: Database) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(orders)
      .set({ status: 'cancelled', cancelReason: reason, updatedAt: sql`now()` })
      .where(and(eq(orders.id, orderId), condition))
      .returning({ id: orders.id });
    if (updated.length === 0) return false;
    await tx.insert(orderEvents).values({ orderId, status: 'cancelled', at: sql`now()` }).onConflictDoNothing();
    await tx
      .update(orderEvents)
      .set({ textClaimedAt: sql`now()` })
      .where(and(eq(orderEvents.orderId, orderId), ne(orderEvents.status, 'cancelled'), isNull(orderEvents.textClaimedAt)));
    await alsoInTransaction?.(tx);
    return true;
  });
}

/**
 * Only the call that cancelled it: a replay queued a job (a hash without a TTL) per post in the
 * queue every customer's texts wait in. A lost enqueue is the reconciler's text pass's (reconcile.ts).
 */
export async function enqueueCancelledText(orderId: string, deps: OrderJobDeps): Promise<void> {
  try {
    await (deps.enqueue ?? enqueue)('notifications', notifyJob(orderId, 'cancelled'));
  } catch (error) {
    log.warn('order cancelled, but its text could not be enqueued; the reconciler will retry', {
      orderId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * When the restaurant is expected to accept an order placed at `placedAt` (its first step is due one
 * ORDER_STEP_DELAY_MS later): what the order page tells the customer they can cancel until. A
 * promise, not a deadline: until the step has run, cancelling still works.
 */
export function expectedAcceptanceAt(placedAt: Date): Date {
  return new Date(placedAt.getTime() + getEnv().ORDER_STEP_DELAY_MS);
}
