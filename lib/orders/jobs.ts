import 'server-only';

import { registerJobHandler, registerRecurringJob } from '@/lib/queue';

import { ORDER_ADVANCE, ORDER_CONFIRM, ORDER_NOTIFY, ORDER_RECONCILE, RECONCILE_EVERY_MS } from './job-types';
import { reconcileOrders } from './reconcile';
import { advanceOrder } from './steps';
import { notifyOrder } from './texts';

/**
 * The order's job handlers and the reconciler's schedule (imported by lib/server/jobs.ts wherever
 * jobs run). Delivery is at least once; each handler's effect is keyed in Postgres: a step by its
 * conditional update (steps.ts), a text by its claim (texts.ts). See docs/decisions/012.
 */
registerJobHandler(ORDER_ADVANCE, async (payload) => {
  await advanceOrder(payload);
});
registerJobHandler(ORDER_NOTIFY, async (payload) => {
  await notifyOrder(payload);
});
registerJobHandler(ORDER_CONFIRM, async (payload) => {
  await notifyOrder(payload);
});
registerJobHandler(ORDER_RECONCILE, async () => {
  await reconcileOrders();
});
registerRecurringJob({ name: ORDER_RECONCILE, queue: 'orders', type: ORDER_RECONCILE, everyMs: RECONCILE_EVERY_MS });
