import 'server-only';

import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb, type Database } from '@/db/client';
import { customers, orders } from '@/db/schema';
import { ORDER_MARKER_TTL_MS, orderKeys } from '@/lib/cache/keys';
import { smsSender, type SmsSender } from '@/lib/customers/sms';
import { getEnv } from '@/lib/env';
import { formatRupees } from '@/lib/format';
import { enqueue, registerJobHandler } from '@/lib/queue';
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
 *   changes nothing. The payload carries when the step is due; the handler waits until then
 *   (the queue has no delayed enqueue), then enqueues the next step, until delivered.
 */

export const ORDER_CONFIRM = 'order.confirm';
export const ORDER_ADVANCE = 'order.advance';

const confirmPayload = z.object({ orderId: z.string().min(1) });
const advancePayload = z.object({
  orderId: z.string().min(1),
  to: z.string().refine(isOrderStatus),
  /** Epoch ms before which the step must not happen (the simulated delay). */
  dueAt: z.number(),
});

export interface OrderJobDeps {
  db?: Database;
  store?: RedisStore;
  sender?: SmsSender;
  enqueue?: typeof enqueue;
  /** Waits (tests replace it); resolves at once for ms <= 0. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function advanceJob(orderId: string, to: OrderStatus, dueAt: number) {
  return { type: ORDER_ADVANCE, payload: { orderId, to, dueAt }, idempotencyKey: `order:${orderId}:advance:${to}` };
}

/** After checkout's commit: the confirmation text and the first status step. */
export async function enqueueOrderJobs(orderId: string, enqueueJob: typeof enqueue = enqueue, now = Date.now()): Promise<void> {
  await enqueueJob('notifications', { type: ORDER_CONFIRM, payload: { orderId }, idempotencyKey: `order:${orderId}:confirm` });
  await enqueueJob('orders', advanceJob(orderId, 'accepted', now + getEnv().ORDER_STEP_DELAY_MS));
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
  const { orderId, to: target, dueAt } = advancePayload.parse(payload);
  const to = target as OrderStatus;
  const from = ORDER_STATUSES[ORDER_STATUSES.indexOf(to) - 1];
  if (!from) throw new Error(`"${to}" is not a step an order advances to`);
  const db = deps.db ?? getDb();
  const now = deps.now ?? Date.now;
  await (deps.sleep ?? defaultSleep)(dueAt - now());

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
  if (next) await (deps.enqueue ?? enqueue)('orders', advanceJob(orderId, next, now() + getEnv().ORDER_STEP_DELAY_MS));
  return { status: updated.length > 0 ? 'advanced' : 'already', to, next };
}

registerJobHandler(ORDER_CONFIRM, async (payload) => {
  await confirmOrder(payload);
});
registerJobHandler(ORDER_ADVANCE, async (payload) => {
  await advanceOrder(payload);
});
