import { ORDER_STATUSES, type OrderStatus } from '@/db/schema';

export { ORDER_STATUSES, type OrderStatus };

/** What each status reads as on the order page and in /account. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed',
  accepted: 'Accepted',
  preparing: 'Preparing',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
};

/** The status after `status`, or null once delivered. */
export function nextStatus(status: OrderStatus): OrderStatus | null {
  const index = ORDER_STATUSES.indexOf(status);
  return index >= 0 && index < ORDER_STATUSES.length - 1 ? ORDER_STATUSES[index + 1]! : null;
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** An order id as lib/orders/checkout.ts makes them: 128 random bits, base64url (22 characters). */
const ORDER_ID = /^[A-Za-z0-9_-]{22}$/;

/** Checked before an id from a URL or an action's arguments reaches a query, a redirect or a key. */
export function isOrderId(value: unknown): value is string {
  return typeof value === 'string' && ORDER_ID.test(value);
}

/** The first 8 characters of an order id, shown to people as `#abcd1234`. */
export function shortOrderId(id: string): string {
  return id.slice(0, 8);
}
