import 'server-only';

import type { Order } from '@/db/schema';
import { log } from '@/lib/log';
import { addressBlock } from '@/lib/ratelimit/client-identity';

import type { OrderRefusal } from './order-budget';

/**
 * The per-address order budget checkout spends (docs/decisions/072-orders-bounded-per-address.md): which
 * budgets an order from an address takes, what a blocked one is told, and when an order whose COMMIT
 * went unanswered gives its unit back. placeOrder (./checkout.ts) takes it and gives it back.
 */

/**
 * Attack review: each customer's own budgets (Postgres) bound one number, but one address signs in
 * 30 numbers a day, and every order of each is texts (a cancel's included) and rows. So an address
 * and its block also have a day's budget of placed orders, whichever customers place them.
 */
export function addressOrderLimits(ip: string) {
  return [
    { policy: 'orders:ip:day', parts: [ip] },
    { policy: 'orders:block:day', parts: [addressBlock(ip)] },
  ] as const;
}

export const ADDRESS_LIMITED = (retryAfterSeconds: number): OrderRefusal => {
  const hours = Math.max(1, Math.ceil(retryAfterSeconds / 3_600));
  return {
    status: 'rate-limited',
    retryAfterSeconds,
    message: `Too many orders from your network today. You can place another in ${hours === 1 ? 'an hour' : `${hours} hours`}.`,
  };
};

/**
 * After a COMMIT that went unanswered: once Postgres answers it, the address budget's unit goes back
 * if no order has the checkout's key (it rolled back); a broken connection never answers, and the
 * unit stays spent (one of the day's orders, rather than an order more than the day's).
 */
export async function keepSpentUnlessNotPlaced(answered: Promise<void> | undefined, placed: () => Promise<Order | null>, giveBack: () => Promise<void>): Promise<void> {
  if (!answered) return;
  try {
    await answered;
    if (!(await placed())) await giveBack();
  } catch (error) {
    log.warn('checkout: whether an unanswered COMMIT placed its order could not be read; its order budget stays spent', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
