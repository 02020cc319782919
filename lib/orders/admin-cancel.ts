import 'server-only';

import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '@/db/client';
import { orders, restaurants } from '@/db/schema';
import { visibleText } from '@/lib/validation/text';

import { orderAudit, type OrderActor } from './admin-audit';
import { CANCEL_REASON_MAX, CANCEL_REASON_MIN, type AdminCancelOutcome } from './admin-cancel-messages';
import { commitCancel, enqueueCancelledText } from './cancel';
import type { OrderJobDeps } from './job-types';
import { ADMIN_CANCELLABLE_STATUSES, isOrderId } from './status';

const cancelInput = z.object({
  orderId: z.string().refine(isOrderId),
  // Whitespace runs folded (it is shown on one line of a page and a text) and a closing full stop
  // dropped (the page and the text put their own after it).
  reason: z
    .string()
    .transform((value) => withoutClosingStops(value.replace(/\s+/g, ' ')).trim())
    // The checks of every typed text (control characters, NUL among them, which Postgres refuses; bidi overrides).
    .pipe(visibleText('Reason', CANCEL_REASON_MAX))
    .pipe(z.string().min(CANCEL_REASON_MIN)),
});

/**
 * The text without its trailing spaces and full stops, walked from the end: the regex `[\s.]+$` retried
 * from every stop in a run like ". . . x", quadratic in the reason (200 KB held the server 39 s).
 */
function withoutClosingStops(value: string): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === '.' || value[end - 1] === ' ')) end -= 1;
  return value.slice(0, end);
}

/**
 * A restaurant's admin cancels one of its orders, with a reason the customer sees (an item ran
 * out), while it is placed or accepted (decision 068). Through the customer's own cancel
 * (cancel.ts commitCancel): one conditional `UPDATE … WHERE status IN ('placed', 'accepted')` on the
 * same row as the customer's cancel (`status = 'placed'`) and the timer's next step (`status =
 * <the step before>`), so of any two whichever commits second matches no row and changes nothing.
 * The restaurant is in the statement too: another restaurant's order matches no row.
 */
export async function cancelOrderForRestaurant(restaurantSlug: string, input: unknown, deps: OrderJobDeps = {}, actor?: OrderActor): Promise<AdminCancelOutcome> {
  const parsed = cancelInput.safeParse(input);
  if (!parsed.success) {
    const reasonIssue = parsed.error.issues.some((issue) => issue.path[0] === 'reason');
    return { status: reasonIssue && isOrderId((input as { orderId?: unknown } | null)?.orderId) ? 'bad-reason' : 'invalid' };
  }
  const { orderId, reason } = parsed.data;
  const db = deps.db ?? getDb();
  const ours = db.select({ id: restaurants.id }).from(restaurants).where(eq(restaurants.slug, restaurantSlug));
  const cancelled = await commitCancel(
    db,
    orderId,
    and(inArray(orders.restaurantId, ours), inArray(orders.status, [...ADMIN_CANCELLABLE_STATUSES]))!,
    reason,
    actor && orderAudit(actor, restaurantSlug, orderId, 'order.cancel', { reason }),
  );

  const [current] = await db
    .select({ status: orders.status, reason: orders.cancelReason })
    .from(orders)
    .where(and(eq(orders.id, orderId), inArray(orders.restaurantId, ours)));
  if (!current) return { status: 'not-found' };
  if (cancelled) {
    await enqueueCancelledText(orderId, deps);
    return { status: 'cancelled' };
  }
  if (current.status === 'cancelled') return { status: 'already-cancelled', byCustomer: current.reason === null };
  return { status: 'too-late', current: current.status };
}
