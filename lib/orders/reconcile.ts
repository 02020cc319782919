import 'server-only';

import { and, asc, gt, isNull, lt, sql } from 'drizzle-orm';

import { getDb } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/queue';

import { notifyJob, type OrderJobDeps } from './job-types';
import { nextStatus } from './status';
import { advanceOrder } from './steps';
import { TEXT_MAX_DELAY_MS } from './texts';

/**
 * The order reconciler (`order.reconcile`, every minute): finishes what the queue lost, from what
 * Postgres holds, whatever Redis lost (a restart that emptied it, a job dead-lettered, an enqueue that
 * failed after a commit). Two passes, each a small indexed scan:
 *
 * - every step whose text nobody has claimed a while after the step is given a new text job; the
 *   claim in Postgres (texts.ts) keeps a copy from texting twice;
 * - every order still moving (neither delivered nor cancelled) whose current status is older than reconcileGraceMs() is moved one
 *   step here and now (steps.ts, the same conditional update the step's job does, which also enqueues
 *   its text and the next step), so a stalled order moves a step per run until it is delivered.
 */

/** Orders and texts looked at per run; the rest wait for the next run. */
const RECONCILE_BATCH = 100;
/** A step's text job runs at once; unclaimed this long after its step, the job was lost. */
const TEXT_GRACE_MS = 60_000;

/**
 * An order whose status is this old has lost its next step: that step was due one ORDER_STEP_DELAY_MS
 * later. Five step delays (at least a minute) leave room for a busy or restarting worker; a run that
 * comes too early only does what the step's own job would have done.
 */
export function reconcileGraceMs(): number {
  return Math.max(5 * getEnv().ORDER_STEP_DELAY_MS, 60_000);
}

export interface ReconcileReport {
  /** Orders moved a step. */
  advanced: string[];
  /** Texts given a new job, as `<order id>:<status>`. */
  texts: string[];
}

export async function reconcileOrders(deps: OrderJobDeps = {}): Promise<ReconcileReport> {
  const db = deps.db ?? getDb();
  const now = (deps.now ?? Date.now)();
  const report: ReconcileReport = { advanced: [], texts: [] };

  const unsent = await db
    .select({ orderId: orderEvents.orderId, status: orderEvents.status })
    .from(orderEvents)
    .where(
      and(
        isNull(orderEvents.textClaimedAt),
        lt(orderEvents.at, new Date(now - TEXT_GRACE_MS)),
        gt(orderEvents.at, new Date(now - TEXT_MAX_DELAY_MS)),
      ),
    )
    .orderBy(asc(orderEvents.at))
    .limit(RECONCILE_BATCH);
  for (const { orderId, status } of unsent) {
    await (deps.enqueue ?? enqueue)('notifications', notifyJob(orderId, status));
    report.texts.push(`${orderId}:${status}`);
  }

  const overdue = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    // The predicate of orders_open_updated_idx, word for word: cancelled orders, which only pile up,
    // are outside it, so they never fill the batch ahead of orders that are stalled.
    .where(and(sql`${orders.status} not in ('delivered', 'cancelled')`, lt(orders.updatedAt, new Date(now - reconcileGraceMs()))))
    .orderBy(asc(orders.updatedAt))
    .limit(RECONCILE_BATCH);
  for (const order of overdue) {
    const to = nextStatus(order.status);
    if (!to) continue;
    try {
      if ((await advanceOrder({ orderId: order.id, to }, deps)).status === 'advanced') report.advanced.push(order.id);
    } catch (error) {
      // Committed or not, the next run looks again; a text whose enqueue failed, the next run's text pass.
      log.warn('reconciler could not move an order', { orderId: order.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  if (report.advanced.length > 0 || report.texts.length > 0) {
    log.warn('reconciler resumed orders whose jobs were lost', { advanced: report.advanced.length, texts: report.texts.length });
  }
  return report;
}
