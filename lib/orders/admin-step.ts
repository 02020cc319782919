import 'server-only';

import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { getDb, type Database } from '@/db/client';
import { orders, restaurants } from '@/db/schema';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/queue';

import { orderAudit, type OrderActor } from './admin-audit';
import type { AdminStepOutcome } from './admin-step-messages';
import type { OrderJobDeps } from './job-types';
import { advanceOrder } from './steps';
import { isOrderId, ORDER_STEPS, stepBefore } from './status';

/** The form's fields: the order and the step the admin saw as next ('placed' is checkout's, not a step to click). */
const stepInput = z.object({
  orderId: z.string().refine(isOrderId),
  to: z.enum(ORDER_STEPS).exclude(['placed']),
});

/**
 * A restaurant's admin moves one of its orders on a step, through the simulated worker's own
 * `advanceOrder` (steps.ts): the same conditional `UPDATE … WHERE status = <the step before>` with its
 * event row in one transaction, the same text job (claimed in Postgres, so sent once) and the same
 * next step. So a click and the order's timer job can never both make a step or lose one: whichever
 * commits second matches no row and is told so (decision 065, admin order steps).
 *
 * The form names the step the admin saw as next (`to`), never "whatever comes next": a click on a
 * page that went stale ("Accept" on an order the timer already accepted) is answered 'already', not
 * taken as the next step. Redis failing to take the text or the next step's job doesn't undo the
 * committed step: the reconciler (reconcile.ts) sends an unclaimed text and moves a stalled order.
 */
export async function advanceOrderForRestaurant(restaurantSlug: string, input: unknown, deps: OrderJobDeps = {}, actor?: OrderActor): Promise<AdminStepOutcome> {
  const parsed = stepInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid' };
  const { orderId, to } = parsed.data;
  const db = deps.db ?? getDb();
  const before = await orderAt(db, orderId);
  if (!before || before.slug !== restaurantSlug) return { status: 'not-found' };

  const enqueueJob = deps.enqueue ?? enqueue;
  const outcome = await advanceOrder(
    { orderId, to },
    {
      ...deps,
      db,
      alsoInTransaction: actor && orderAudit(actor, restaurantSlug, orderId, 'order.step', { status: { from: stepBefore(to), to } }),
      enqueue: async (...args) => {
        try {
          await enqueueJob(...args);
        } catch (error) {
          log.warn('admin order step committed, but a job could not be enqueued; the reconciler will retry', {
            orderId,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      },
    },
  );
  if (outcome.status === 'advanced') return { status: 'moved', to };
  if (outcome.status === 'already') return { status: 'already', to };
  const after = await orderAt(db, orderId);
  if (!after) return { status: 'not-found' };
  if (after.status === to) return { status: 'already', to };
  const steps: readonly string[] = ORDER_STEPS;
  const behind = after.status !== 'cancelled' && steps.indexOf(after.status) < steps.indexOf(to);
  return { status: behind ? 'not-yet' : 'moved-on', current: after.status, to };
}

async function orderAt(db: Database, orderId: string) {
  const [row] = await db
    .select({ status: orders.status, slug: restaurants.slug })
    .from(orders)
    .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
    .where(eq(orders.id, orderId));
  return row;
}
