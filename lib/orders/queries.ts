import 'server-only';

import { and, asc, desc, eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { cities, orderEvents, orderItems, orders, restaurants, type OrderStatus } from '@/db/schema';
import type { Bill } from '@/lib/orders/bill';
import type { OrderState } from '@/lib/orders/orders-change';
import { isFinalStatus, isOrderId } from '@/lib/orders/status';

export interface OrderDetail {
  id: string;
  status: OrderStatus;
  totalPaise: number;
  /** The bill's parts; null on orders placed before bills were kept (only the total is known). */
  bill: Bill | null;
  deliveryAddress: string | null;
  deliveryInstructions: string | null;
  paymentMethod: string;
  etaAt: Date | null;
  /** Why the restaurant cancelled it; null when the customer did, or it is not cancelled. */
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  restaurant: { name: string; slug: string; citySlug: string };
  items: { menuItemId: number | null; name: string; pricePaise: number; quantity: number }[];
  /** When the order reached each status it has reached (orders from before these were kept may miss some). */
  reachedAt: Partial<Record<OrderStatus, Date>>;
}

/**
 * Whether the customer's cart of this generation became an order (one cart, one order: the orders
 * table's unique (customer, cart generation), lib/cart/cart.ts cartToOrder).
 */
export async function cartWasOrdered(customerId: number, generation: string, db: Database = getDb()): Promise<boolean> {
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.cartGeneration, generation)));
  return order !== undefined;
}

/** One order, only when it belongs to `customerId` (anyone else gets null, exactly as for no order). */
export async function loadOwnOrder(customerId: number, orderId: string, db: Database = getDb()): Promise<OrderDetail | null> {
  if (!isOrderId(orderId)) return null;
  const [order] = await db
    .select({
      id: orders.id,
      status: orders.status,
      totalPaise: orders.totalPaise,
      itemTotalPaise: orders.itemTotalPaise,
      discountPaise: orders.discountPaise,
      deliveryFeePaise: orders.deliveryFeePaise,
      packagingFeePaise: orders.packagingFeePaise,
      gstPaise: orders.gstPaise,
      offerLabel: orders.offerLabel,
      deliveryAddress: orders.deliveryAddress,
      deliveryInstructions: orders.deliveryInstructions,
      paymentMethod: orders.paymentMethod,
      etaAt: orders.etaAt,
      cancelReason: orders.cancelReason,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
      restaurantName: restaurants.name,
      restaurantSlug: restaurants.slug,
      citySlug: cities.slug,
    })
    .from(orders)
    .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)));
  if (!order) return null;
  const [items, events] = await Promise.all([
    db
      .select({ menuItemId: orderItems.menuItemId, name: orderItems.name, pricePaise: orderItems.pricePaise, quantity: orderItems.quantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(asc(orderItems.position)),
    db.select({ status: orderEvents.status, at: orderEvents.at }).from(orderEvents).where(eq(orderEvents.orderId, orderId)),
  ]);
  const { restaurantName, restaurantSlug, citySlug, itemTotalPaise, discountPaise, deliveryFeePaise, packagingFeePaise, gstPaise, offerLabel, ...rest } =
    order;
  const reachedAt = Object.fromEntries(events.map((event) => [event.status, event.at]));
  const bill =
    itemTotalPaise === null
      ? null
      : {
          itemTotalPaise,
          discountPaise: discountPaise ?? 0,
          deliveryFeePaise: deliveryFeePaise ?? 0,
          packagingFeePaise: packagingFeePaise ?? 0,
          gstPaise: gstPaise ?? 0,
          totalPaise: rest.totalPaise,
          offerLabel,
        };
  return { ...rest, bill, restaurant: { name: restaurantName, slug: restaurantSlug, citySlug }, items, reachedAt };
}

/**
 * Just the status of one order, only when it belongs to `customerId` (null otherwise, as for no
 * order): what the order page polls, one indexed row instead of the whole order.
 */
export async function loadOwnOrderStatus(customerId: number, orderId: string, db: Database = getDb()): Promise<OrderStatus | null> {
  if (!isOrderId(orderId)) return null;
  const [order] = await db
    .select({ status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)));
  return order?.status ?? null;
}

export interface OrderSummary {
  id: string;
  status: OrderStatus;
  totalPaise: number;
  createdAt: Date;
  restaurantName: string;
  itemCount: number;
  /** The restaurant's reason when it cancelled the order; null when the customer did, or it is not cancelled. */
  cancelReason: string | null;
  /** When it is due (checkout time plus the restaurant's delivery minutes); null on orders from before it was kept. */
  etaAt: Date | null;
}

/**
 * Newest first, as the (customer, created, id) and (restaurant, created, id) indexes read: ties on
 * created_at broken by id, so orders placed in the same instant keep their places and a window's last
 * row is the same on every read (otherwise a watch or poll saw a change that was only the tie swapping:
 * review finding, decision 071).
 */
export const NEWEST_FIRST = [desc(orders.createdAt), desc(orders.id)] as const;

/** How many of the customer's latest orders /account lists. */
export const OWN_ORDERS_SHOWN = 50;

/** The customer's orders, newest first. */
export async function listOwnOrders(customerId: number, limit = OWN_ORDERS_SHOWN, db: Database = getDb()): Promise<OrderSummary[]> {
  return ownOrdersStatement(customerId, limit, db);
}

/**
 * The query itself (tests EXPLAIN it), newest first through the (customer, created, id) index: each view of
 * /account, and checkout's ask for the latest one, read all of the customer's orders and sorted them.
 */
export function ownOrdersStatement(customerId: number, limit: number, db: Database) {
  return db
    .select({
      id: orders.id,
      status: orders.status,
      totalPaise: orders.totalPaise,
      createdAt: orders.createdAt,
      restaurantName: restaurants.name,
      cancelReason: orders.cancelReason,
      etaAt: orders.etaAt,
      itemCount: sql<number>`(select coalesce(sum(${orderItems.quantity}), 0)::int from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
    })
    .from(orders)
    .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
    .where(eq(orders.customerId, customerId))
    .orderBy(...NEWEST_FIRST)
    .limit(limit);
}

/**
 * The id and status of each of the customer's orders still on its way among the latest ones /account
 * lists (the same window, newest first): what its one poll asks for, however many are active (review:
 * a poll per order was 6 requests a minute each). Bounded by the window, read through the (customer,
 * created) index, and only the customer's own.
 */
export async function loadOwnActiveOrderStates(customerId: number, limit = OWN_ORDERS_SHOWN, db: Database = getDb()): Promise<OrderState[]> {
  const latest = await ownOrderStatesStatement(customerId, limit, db);
  return latest.filter((order) => !isFinalStatus(order.status));
}

/** The query itself (tests EXPLAIN it): the listing's index walk, id and status only. */
export function ownOrderStatesStatement(customerId: number, limit: number, db: Database) {
  return db.select({ id: orders.id, status: orders.status }).from(orders).where(eq(orders.customerId, customerId)).orderBy(...NEWEST_FIRST).limit(limit);
}
