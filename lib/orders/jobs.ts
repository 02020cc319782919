import 'server-only';

import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb, type Database } from '@/db/client';
import { customers, orders } from '@/db/schema';
import { ORDER_MARKER_TTL_MS, orderKeys } from '@/lib/cache/keys';
import { smsSender, type SmsSender } from '@/lib/customers/sms';
import { getEnv } from '@/lib/env';
import { formatRupees } from '@/lib/format';
import { log } from '@/lib/log';
import { enqueue, registerJobHandler, registerRecurringJob } from '@/lib/queue';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { isOrderStatus, nextStatus, ORDER_STATUSES, shortOrderId, type OrderStatus } from './status';

/**
 * The order's jobs (registered through lib/queue/handlers.ts wherever jobs run). Delivery is at
 * least once, so each handler's effect is keyed:
 *
 * - `order.confirm` texts "order placed" once per order: a Redis marker (SET NX) is taken before
 *   sending and released if the send fails, so duplicates never text twice (a crash right after the
 *   marker loses that one text rather than risking two).
 * - `order.advance` moves the order one step with `UPDATE … WHERE status = <expected>`: a duplicate
 *   changes nothing. Each step is a delayed job (ORDER_STEP_DELAY_MS, the simulated delay), so no
 *   worker waits; the step that moves the order enqueues the next one. A step delivered early (a
 *   queue whose clock runs ahead, an admin retrying a dead letter) simply runs: the delay is a
 *   simulation, and the conditional update keeps any delivery, early, late or repeated, to one step.
 * - `order.reconcile` (recurring, every minute) recovers orders whose jobs were never enqueued
 *   (checkout logs when enqueueing fails after its commit): it re-enqueues the confirmation and the
 *   first step of orders still `placed` well after their first step was due, with the same
 *   idempotency keys, so for an order whose jobs do exist the copies are skipped or change nothing.
 */

export const ORDER_CONFIRM = 'order.confirm';
export const ORDER_ADVANCE = 'order.advance';
export const ORDER_RECONCILE = 'order.reconcile';

/** How often the reconciler runs. */
export const RECONCILE_EVERY_MS = 60_000;
/** Orders re-enqueued per run; the rest wait for the next run. */
const RECONCILE_BATCH = 100;
/**
 * Times one order's jobs are re-enqueued. An order still `placed` after that has jobs that fail (they
 * sit in the dead letters, for an admin to retry): more copies would only add dead letters each minute.
 */
export const RECONCILE_MAX_ATTEMPTS = 3;

const confirmPayload = z.object({ orderId: z.string().min(1) });
// Payloads enqueued before steps were delayed jobs also carry `dueAt`; it is ignored (stripped).
const advancePayload = z.object({ orderId: z.string().min(1), to: z.string().refine(isOrderStatus) });

export interface OrderJobDeps {
  db?: Database;
  store?: RedisStore;
  sender?: SmsSender;
  enqueue?: typeof enqueue;
  now?: () => number;
}

function advanceJob(orderId: string, to: OrderStatus) {
  return { type: ORDER_ADVANCE, payload: { orderId, to }, idempotencyKey: `order:${orderId}:advance:${to}` };
}

function stepDelay() {
  return { delayMs: getEnv().ORDER_STEP_DELAY_MS };
}

/** After checkout's commit (and from the reconciler): the confirmation text and the first status step. */
export async function enqueueOrderJobs(orderId: string, enqueueJob: typeof enqueue = enqueue): Promise<void> {
  await enqueueJob('notifications', { type: ORDER_CONFIRM, payload: { orderId }, idempotencyKey: `order:${orderId}:confirm` });
  await enqueueJob('orders', advanceJob(orderId, 'accepted'), stepDelay());
}

export function confirmationText(orderId: string, totalPaise: number): string {
  return `Thali: order #${shortOrderId(orderId)} placed, ${formatRupees(totalPaise)}`;
}

export async function confirmOrder(payload: unknown, deps: OrderJobDeps = {}): Promise<'sent' | 'already-sent' | 'no-order'> {
  const { orderId } = confirmPayload.parse(payload);
  const db = deps.db ?? getDb();
  const store = deps.store ?? getRedis();
  const [order] = await db
    .select({ totalPaise: orders.totalPaise, phone: customers.phone })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.id, orderId));
  if (!order) return 'no-order';
  const marker = orderKeys.confirmationSent(orderId);
  if (!(await store.set(marker, '1', { nx: true, px: ORDER_MARKER_TTL_MS }))) return 'already-sent';
  try {
    await (deps.sender ?? smsSender()).send({ to: order.phone, body: confirmationText(orderId, order.totalPaise), kind: 'order' }, store);
  } catch (error) {
    await store.del([marker]).catch(() => {});
    throw error;
  }
  return 'sent';
}

export type AdvanceOutcome = { status: 'advanced' | 'already'; to: OrderStatus; next: OrderStatus | null } | { status: 'no-order' | 'stale' };

export async function advanceOrder(payload: unknown, deps: OrderJobDeps = {}): Promise<AdvanceOutcome> {
  const { orderId, to: target } = advancePayload.parse(payload);
  const to = target as OrderStatus;
  const from = ORDER_STATUSES[ORDER_STATUSES.indexOf(to) - 1];
  if (!from) throw new Error(`"${to}" is not a step an order advances to`);
  const db = deps.db ?? getDb();

  const updated = await db
    .update(orders)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), eq(orders.status, from)))
    .returning({ id: orders.id });
  const [current] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (!current) return { status: 'no-order' };
  // Past this step already (a late duplicate): the step that moved it on scheduled what follows.
  if (current.status !== to) return { status: 'stale' };
  const next = nextStatus(to);
  // Also when this delivery changed nothing: the first may have crashed before enqueueing the next
  // step. A duplicate next step is absorbed by its done marker and its own conditional update.
  if (next) await (deps.enqueue ?? enqueue)('orders', advanceJob(orderId, next), stepDelay());
  return { status: updated.length > 0 ? 'advanced' : 'already', to, next };
}

/**
 * An order still `placed` this long after checkout has lost its jobs: its first step was due one
 * ORDER_STEP_DELAY_MS after checkout. Five step delays (at least a minute) leave room for a busy or
 * restarting worker; a reconcile that comes too early only enqueues copies that change nothing.
 */
export function reconcileGraceMs(): number {
  return Math.max(5 * getEnv().ORDER_STEP_DELAY_MS, 60_000);
}

/**
 * Older orders are left alone: the markers that keep a copy from texting or stepping twice live
 * ORDER_MARKER_TTL_MS (the queue's done markers as long), and this stays a day inside that.
 */
export const RECONCILE_MAX_AGE_MS = ORDER_MARKER_TTL_MS - 24 * 3_600_000;

/** Re-enqueues the jobs of orders stuck in `placed` (at most RECONCILE_MAX_ATTEMPTS times each); returns their ids. */
export async function reconcilePlacedOrders(deps: OrderJobDeps = {}): Promise<string[]> {
  const db = deps.db ?? getDb();
  const now = (deps.now ?? Date.now)();
  const stuck = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'placed'),
        lt(orders.createdAt, new Date(now - reconcileGraceMs())),
        gt(orders.createdAt, new Date(now - RECONCILE_MAX_AGE_MS)),
      ),
    )
    .orderBy(asc(orders.createdAt))
    .limit(RECONCILE_BATCH);
  const store = deps.store ?? getRedis();
  const reconciled: string[] = [];
  for (const { id } of stuck) {
    const key = orderKeys.reconciled(id);
    // The expiry first, then the count (INCR keeps it): a crash in between leaves no immortal key.
    await store.set(key, '0', { nx: true, px: ORDER_MARKER_TTL_MS });
    const attempt = await store.incr(key);
    if (attempt > RECONCILE_MAX_ATTEMPTS) {
      if (attempt === RECONCILE_MAX_ATTEMPTS + 1) {
        log.error('order still placed after its jobs were re-enqueued: check the dead letters', { orderId: id, attempts: RECONCILE_MAX_ATTEMPTS });
      }
      continue;
    }
    await enqueueOrderJobs(id, deps.enqueue ?? enqueue);
    reconciled.push(id);
  }
  if (reconciled.length > 0) log.warn('orders reconciled: their jobs were missing and are enqueued again', { orders: reconciled.length });
  return reconciled;
}

registerJobHandler(ORDER_CONFIRM, async (payload) => {
  await confirmOrder(payload);
});
registerJobHandler(ORDER_ADVANCE, async (payload) => {
  await advanceOrder(payload);
});
registerJobHandler(ORDER_RECONCILE, async () => {
  await reconcilePlacedOrders();
});
registerRecurringJob({ name: ORDER_RECONCILE, queue: 'orders', type: ORDER_RECONCILE, everyMs: RECONCILE_EVERY_MS });
