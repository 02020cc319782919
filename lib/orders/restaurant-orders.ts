import 'server-only';

import { and, eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { orderItems, orders, restaurants, type OrderStatus } from '@/db/schema';
import type { OrderState } from '@/lib/orders/orders-change';
import { NEWEST_FIRST } from '@/lib/orders/queries';


/** How many of a restaurant's orders its admin page lists. */
export const RESTAURANT_ORDERS_SHOWN = 30;

export interface RestaurantOrderRow {
  id: string;
  status: OrderStatus;
  totalPaise: number;
  createdAt: Date;
  etaAt: Date | null;
  /** What it holds, as the customer added it (checkout's price snapshot's names): what the kitchen cooks. */
  dishes: { name: string; quantity: number }[];
  /** Where it goes, as checkout copied it; no customer's number (the console shows no phone). */
  deliveryAddress: string | null;
  /** The customer's note for the delivery ("ring the bell twice"), or null. */
  deliveryInstructions: string | null;
  /** Why the restaurant cancelled it; null unless an admin did (lib/orders/admin-cancel.ts). */
  cancelReason: string | null;
}

/**
 * A restaurant's latest orders, newest first, for its admin page: one query on the
 * (restaurant, created, id) index, never cached (an admin wants them as they are).
 */
export async function listRestaurantOrders(restaurantId: number, limit = RESTAURANT_ORDERS_SHOWN, db: Database = getDb()): Promise<RestaurantOrderRow[]> {
  return restaurantOrdersStatement(restaurantId, limit, db);
}

/** The query itself (tests EXPLAIN it), newest first through the (restaurant, created, id) index. */
export function restaurantOrdersStatement(restaurantId: number, limit: number, db: Database) {
  return db
    .select({
      id: orders.id,
      status: orders.status,
      totalPaise: orders.totalPaise,
      createdAt: orders.createdAt,
      etaAt: orders.etaAt,
      dishes: sql<RestaurantOrderRow['dishes']>`(select coalesce(json_agg(json_build_object('name', ${orderItems.name}, 'quantity', ${orderItems.quantity}) order by ${orderItems.position}), '[]'::json) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
      deliveryAddress: orders.deliveryAddress,
      deliveryInstructions: orders.deliveryInstructions,
      cancelReason: orders.cancelReason,
    })
    .from(orders)
    .where(eq(orders.restaurantId, restaurantId))
    .orderBy(...NEWEST_FIRST)
    .limit(limit);
}

/**
 * How many of the restaurant's orders are on their way, all of them: counted from the 30 listed, a
 * busy evening's older orders still cooking were left out ("None on its way now" beside them). On the
 * open-orders partial index (orders_open_updated_idx, its predicate letter for letter), which holds
 * only orders still moving, so the count's cost stays bounded as orders pile up.
 */
export async function countRestaurantOrdersOnTheirWay(restaurantId: number, db: Database = getDb()): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(sql`${orders.status} not in ('delivered', 'cancelled')`, eq(orders.restaurantId, restaurantId)));
  return row?.count ?? 0;
}

/**
 * The id and step of the restaurant's latest orders, the same newest-first window its admin page
 * lists: what the page's watch polls (components/admin/orders-watch.tsx) to say that orders came in or
 * moved on. The listing's index walk without its per-order dish count, looked up by slug in the same
 * statement; an unknown slug lists none.
 */
export async function listRestaurantOrderStates(restaurantSlug: string, limit = RESTAURANT_ORDERS_SHOWN, db: Database = getDb()): Promise<OrderState[]> {
  return restaurantOrderStatesStatement(restaurantSlug, limit, db);
}

/** The query itself (tests EXPLAIN it). */
export function restaurantOrderStatesStatement(restaurantSlug: string, limit: number, db: Database) {
  return db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(eq(orders.restaurantId, sql`(select ${restaurants.id} from ${restaurants} where ${restaurants.slug} = ${restaurantSlug})`))
    .orderBy(...NEWEST_FIRST)
    .limit(limit);
}
