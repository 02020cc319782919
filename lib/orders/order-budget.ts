import 'server-only';

import { and, eq, sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { orders } from '@/db/schema';
import { DAY, HOUR } from '@/lib/redis/keys';

/** A checkout refused because its customer placed too many orders lately. */
export type OrderRefusal = { status: 'rate-limited'; message: string; retryAfterSeconds: number };

/** How many orders one customer may place: in the last hour and in the last 24 hours. */
export interface OrderBudget {
  perHour: number;
  perDay: number;
}

/**
 * At most `perHour` orders a customer places in an hour and `perDay` in a day: far above what a
 * household orders, and what keeps one account from placing orders in a loop, each up to five texts
 * and a handful of rows; the day's budget keeps the hour's from being spent all day (480 orders and
 * 2,400 texts). Counted in Postgres, inside the order's transaction under the cart's claim, so
 * only orders that were placed count: a refused or repeated submit costs nothing.
 */
export async function orderLimit(tx: Database, customerId: number, budget: OrderBudget): Promise<OrderRefusal | null> {
  const inLastHour = sql`${orders.createdAt} > now() - interval '1 hour'`;
  const [recent] = await tx
    .select({
      hour: sql<number>`(count(*) filter (where ${inLastHour}))::int`,
      hourOldest: sql<string | Date | null>`min(${orders.createdAt}) filter (where ${inLastHour})`,
      day: sql<number>`count(*)::int`,
      dayOldest: sql<string | Date | null>`min(${orders.createdAt})`,
    })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), sql`${orders.createdAt} > now() - interval '1 day'`));
  if (!recent) return null;
  // Until the oldest order in the window leaves it.
  const refusal = (oldest: string | Date, windowMs: number, say: (retryAfterSeconds: number) => string): OrderRefusal => {
    const retryAfterSeconds = Math.max(60, Math.ceil((new Date(oldest).getTime() + windowMs - Date.now()) / 1_000));
    return { status: 'rate-limited', retryAfterSeconds, message: say(retryAfterSeconds) };
  };
  if (recent.hour >= budget.perHour && recent.hourOldest !== null) {
    return refusal(recent.hourOldest, HOUR, (seconds) => `That’s a lot of orders in an hour. You can place another in ${Math.ceil(seconds / 60)} min.`);
  }
  if (recent.day >= budget.perDay && recent.dayOldest !== null) {
    return refusal(recent.dayOldest, DAY, (seconds) => {
      const hours = Math.ceil(seconds / 3_600);
      return `That’s a lot of orders today. You can place another in ${hours === 1 ? 'an hour' : `${hours} hours`}.`;
    });
  }
  return null;
}
