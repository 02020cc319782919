import 'server-only';

import type { Database } from '@/db/client';
import type { SmsSender } from '@/lib/sms/sender';
import { getEnv } from '@/lib/env';
import { enqueue } from '@/lib/queue';
import type { RedisStore } from '@/lib/redis/types';

import type { OrderStatus, OrderStep } from './status';

/**
 * The order's jobs, as the queue sees them: types, payload builders and idempotency keys. What they
 * do is in steps.ts (advance), texts.ts (notify) and reconcile.ts; jobs.ts registers them.
 */

export const ORDER_ADVANCE = 'order.advance';
export const ORDER_NOTIFY = 'order.notify';
/** The "placed" text's job type before every status had a text; still handled, for jobs queued then. */
export const ORDER_CONFIRM = 'order.confirm';
export const ORDER_RECONCILE = 'order.reconcile';

/** How often the reconciler runs. */
export const RECONCILE_EVERY_MS = 60_000;

export interface OrderJobDeps {
  db?: Database;
  store?: RedisStore;
  sender?: SmsSender;
  /** SMS_DAILY_CAP by default (lib/sms/daily-cap.ts). */
  smsDailyCap?: number;
  enqueue?: typeof enqueue;
  now?: () => number;
}

export function advanceJob(orderId: string, to: OrderStep) {
  return { type: ORDER_ADVANCE, payload: { orderId, to }, idempotencyKey: `order:${orderId}:advance:${to}` };
}

export function notifyJob(orderId: string, status: OrderStatus) {
  return { type: ORDER_NOTIFY, payload: { orderId, status }, idempotencyKey: `order:${orderId}:notify:${status}` };
}

/** Each step is a delayed job, ORDER_STEP_DELAY_MS after the one before (a simulation of the kitchen and the rider). */
export function stepDelay() {
  return { delayMs: getEnv().ORDER_STEP_DELAY_MS };
}

/** After checkout's commit: the "placed" text and the first status step. */
export async function enqueueOrderJobs(orderId: string, enqueueJob: typeof enqueue = enqueue): Promise<void> {
  await enqueueJob('notifications', notifyJob(orderId, 'placed'));
  await enqueueJob('orders', advanceJob(orderId, 'accepted'), stepDelay());
}
