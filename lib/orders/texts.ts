import 'server-only';

import { and, eq, exists, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import { getDb, type Database } from '@/db/client';
import { lateAnswer, neverSent } from '@/db/deadline-outcome';
import { customers, orderEvents, orders, restaurants } from '@/db/schema';
import { dailyCapCount } from '@/lib/sms/daily-cap';
import { smsSender } from '@/lib/sms/sender';
import { mayHaveBeenSent, refusedForGood } from '@/lib/sms/twilio';
import { formatRupees } from '@/lib/format';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';

import type { OrderJobDeps } from './job-types';
import { isOrderStatus, shortOrderId, type OrderStatus } from './status';

/**
 * A text to the customer for each status their order reaches, at most once per order and status
 * whatever the queue or Redis does: the step's event row (written with the status change, steps.ts)
 * is claimed in Postgres by the one delivery that sends it. A send that surely failed gives the claim
 * back for the job's retry (not once its order is cancelled); one that may have gone out (a timeout after the request was written) keeps
 * it, as does a crash between claim and send: that one text may be lost rather than sent twice.
 */

/** Later than this after its step, a text is not worth sending (a very late resume): it is dropped. */
export const TEXT_MAX_DELAY_MS = 60 * 60_000;

export interface OrderTextFacts {
  orderId: string;
  totalPaise: number;
  restaurantName: string;
  /** Why the restaurant cancelled it (an admin's words); null when the customer did. */
  cancelReason?: string | null;
}

export function statusText(status: OrderStatus, { orderId, totalPaise, restaurantName, cancelReason }: OrderTextFacts): string {
  const order = `#${shortOrderId(orderId)}`;
  switch (status) {
    case 'placed':
      return `Thali: order ${order} placed, ${formatRupees(totalPaise)}`;
    case 'accepted':
      return `Thali: ${restaurantName} accepted order ${order}`;
    case 'preparing':
      return `Thali: ${restaurantName} is preparing order ${order}`;
    case 'out_for_delivery':
      return `Thali: order ${order} is out for delivery`;
    case 'delivered':
      return `Thali: order ${order} delivered. Enjoy your meal!`;
    case 'cancelled':
      return cancelReason
        ? `Thali: ${restaurantName} cancelled order ${order}: ${cancelReason}. Sorry! Nothing to pay.`
        : `Thali: order ${order} from ${restaurantName} is cancelled, as you asked. Nothing to pay.`;
  }
}

/** A give-back the client refused unsent (it still counted the server silent) is sent again, this often and this far apart. */
const GIVE_BACK_TRIES = 10;
const GIVE_BACK_RETRY_MS = 500;

/**
 * A claim sent to a Postgres that then froze fails at its deadline and may run at the thaw: the text
 * is then claimed by this delivery, which sent nothing, and every retry and the reconciler found it
 * claimed ('already-sent'): the customer never got it. So once the claim's own late answer says it
 * claimed, the claim is given back (unless the order was cancelled meanwhile: its cancellation
 * claims earlier statuses' texts for good, cancel.ts; the `cancelled` text itself is given back),
 * and the queue's retry or the reconciler sends it.
 */
function giveBackIfClaimedLate(error: unknown, db: Database, orderId: string, status: OrderStatus, event: SQL | undefined): void {
  const answer = lateAnswer(error);
  if (!answer) return;
  const giveBack = async (rows: unknown) => {
    if (!Array.isArray(rows) || rows.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await db.update(orderEvents).set({ textClaimedAt: null }).where(and(event, isNull(orderEvents.textSentAt), stillWanted(db, orderId, status)));
        log.info('order text: a claim that landed after its job gave up was given back', { orderId });
        return;
      } catch (failure) {
        // The claim's late answer can come before the client hears the server again (db/silent-server.ts),
        // which then refuses the give-back unsent: sent again shortly. Only this claim holds the text
        // meanwhile (nothing claims a claimed text), so a later first send gives back nobody else's.
        if (attempt < GIVE_BACK_TRIES && neverSent(failure)) {
          await new Promise((resolve) => setTimeout(resolve, GIVE_BACK_RETRY_MS));
          continue;
        }
        // At most once, as before: that text stays claimed and unsent.
        log.warn('order text: a late claim could not be given back', { orderId, error: failure instanceof Error ? failure.message : String(failure) });
        return;
      }
    }
  };
  // A claim that failed in the end (refused, cancelled by its deadline) claimed nothing.
  answer.then(giveBack, () => {});
}

/**
 * The condition of a give-back: a claim handed back for another send only while its order is not
 * cancelled (a cancel claims earlier texts for good, cancel.ts, and passes over one claimed at that
 * moment). The order's row is locked (FOR UPDATE), as a cancel's first statement does, so a cancel not
 * committed yet is waited for and then seen; read unlocked, it looked not cancelled and the text went
 * out after the cancellation. The cancellation's own text is given back all the same: nothing else
 * would ever send it.
 */
function stillWanted(db: Database, orderId: string, status: OrderStatus): SQL | undefined {
  if (status === 'cancelled') return undefined;
  return exists(db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, orderId), ne(orders.status, 'cancelled'))).for('update'));
}

const notifyPayload = z.object({ orderId: z.string().min(1), status: z.string().refine(isOrderStatus).default('placed') });

/**
 * `unknown`: the send may have gone out (no answer after the request was written); it is not repeated.
 * `over-cap`: the day's SMS cap is reached; it is not sent.
 * `refused`: the provider turned this message down for good (an unsubscribed or invalid number); not asked again.
 */
export type NotifyOutcome = 'sent' | 'already-sent' | 'too-late' | 'no-event' | 'unknown' | 'over-cap' | 'refused';

/** Sends one status's text. Payloads of the older `order.confirm` job ({ orderId }) mean "placed". */
export async function notifyOrder(payload: unknown, deps: OrderJobDeps = {}): Promise<NotifyOutcome> {
  const parsed = notifyPayload.parse(payload);
  const { orderId } = parsed;
  const status = parsed.status as OrderStatus;
  const db = deps.db ?? getDb();
  const store = deps.store ?? getRedis();
  const event = and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, status));

  // What the text says, read before the claim: a read after it that failed (Postgres stopped or froze
  // between the two) left the text claimed and unsent, and every retry then found it 'already-sent'.
  // Nothing that touches Postgres now runs between the claim and the send.
  const [facts] = await db
    .select({ totalPaise: orders.totalPaise, phone: customers.phone, restaurantName: restaurants.name, cancelReason: orders.cancelReason })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
    .where(eq(orders.id, orderId));
  if (!facts) return 'no-event';

  let claimed: { at: Date } | undefined;
  try {
    [claimed] = await db
      .update(orderEvents)
      .set({ textClaimedAt: sql`now()` })
      .where(and(event, isNull(orderEvents.textClaimedAt)))
      .returning({ at: orderEvents.at });
  } catch (error) {
    giveBackIfClaimedLate(error, db, orderId, status, event);
    throw error;
  }
  if (!claimed) {
    const [exists] = await db.select({ at: orderEvents.at }).from(orderEvents).where(event);
    return exists ? 'already-sent' : 'no-event';
  }
  // Claimed and left unsent: the step is long past (the reconciler resumed a stalled order).
  if ((deps.now ?? Date.now)() - claimed.at.getTime() > TEXT_MAX_DELAY_MS) return 'too-late';
  const daily = dailyCapCount(store, 'order', { cap: deps.smsDailyCap, now: deps.now });
  try {
    // Order texts have a daily cap like sign-in codes (their own): past it, this one is dropped (the
    // order page still shows the status), its claim kept so no retry sends it.
    if (!(await daily.count())) {
      log.warn('order text not sent: the day’s SMS cap is reached', { orderId, status });
      return 'over-cap';
    }
    const body = statusText(status, { orderId, totalPaise: facts.totalPaise, restaurantName: facts.restaurantName, cancelReason: facts.cancelReason });
    await (deps.sender ?? smsSender()).send({ to: facts.phone, body, kind: 'order' }, store);
  } catch (error) {
    if (mayHaveBeenSent(error)) {
      // Twilio may have the text (no answer after the request went out): the claim stays, so no
      // retry or resume sends it again. At most once: the customer may miss this one text.
      log.warn('order text: the send may or may not have gone out; not sending it again', { orderId, status });
      return 'unknown';
    }
    // Surely not sent: this attempt does not count toward the day's cap.
    await daily.refund();
    if (refusedForGood(error)) {
      // Twilio's answer to this message, not a moment's trouble: the claim stays, so neither the
      // queue's retries nor the reconciler ask again (decision 012's amendment).
      log.warn('order text refused by the SMS provider; not sending it again', { orderId, status, error: error instanceof Error ? error.message : String(error) });
      return 'refused';
    }
    // The retry may send it, unless the order was cancelled meanwhile.
    await db.update(orderEvents).set({ textClaimedAt: null }).where(and(event, stillWanted(db, orderId, status)));
    throw error;
  }
  await db.update(orderEvents).set({ textSentAt: sql`now()` }).where(event);
  return 'sent';
}
