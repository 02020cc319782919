import { ORDER_STATUSES, ORDER_STEPS, type OrderStatus, type OrderStep } from '@/db/schema';

export { ORDER_STATUSES, ORDER_STEPS, type OrderStatus, type OrderStep };

/** What each status reads as on the order page and in /account. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed',
  accepted: 'Accepted',
  preparing: 'Preparing',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** The step after `status`, or null once delivered or cancelled (neither moves again). */
export function nextStatus(status: OrderStatus): OrderStep | null {
  const index = (ORDER_STEPS as readonly string[]).indexOf(status);
  return index >= 0 && index < ORDER_STEPS.length - 1 ? ORDER_STEPS[index + 1]! : null;
}

/** The step an order must be at to advance to `step` (its conditional update's `from`), or null for `placed`. */
export function stepBefore(step: OrderStep): OrderStep | null {
  return ORDER_STEPS[ORDER_STEPS.indexOf(step) - 1] ?? null;
}

/** Delivered or cancelled: nothing more happens to the order (no step, no poll). */
export function isFinalStatus(status: OrderStatus): boolean {
  return status === 'delivered' || status === 'cancelled';
}

/** The only status a customer can cancel from: once the restaurant accepts, the kitchen has started. */
export const CANCELLABLE_STATUS = 'placed' satisfies OrderStatus;

/**
 * What a restaurant's admin can cancel from (an item ran out, the kitchen is closing): until the food
 * is being prepared. Past `accepted` the food is cooked or on its way (decision 068).
 */
export const ADMIN_CANCELLABLE_STATUSES = ['placed', 'accepted'] as const satisfies readonly OrderStatus[];

export function isAdminCancellable(status: OrderStatus): boolean {
  return (ADMIN_CANCELLABLE_STATUSES as readonly string[]).includes(status);
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** A step an order advances through (every status but `cancelled`). */
export function isOrderStep(value: unknown): value is OrderStep {
  return typeof value === 'string' && (ORDER_STEPS as readonly string[]).includes(value);
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
