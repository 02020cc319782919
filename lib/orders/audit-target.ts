import { isOrderId } from '@/lib/orders/status';

/** The audit log's target of an admin's step or cancel of an order (lib/orders/admin-audit.ts writes it). */
export function orderAuditTarget(orderId: string): string {
  return `order:${orderId}`;
}

/** The order an audit target names, or null when it names something else. */
export function orderOfAuditTarget(target: string): string | null {
  const id = target.startsWith('order:') ? target.slice('order:'.length) : null;
  return id !== null && isOrderId(id) ? id : null;
}
