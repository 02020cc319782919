import { OrderCancelForm } from '@/components/admin/order-cancel-form';
import { OrderStepForm, type OrderStepAction } from '@/components/admin/order-step-form';
import { TableHead } from '@/components/admin/table-head';
import { styles } from '@/components/admin/styles';
import { Price } from '@/components/ui/price';
import { formatClockTime, formatDayAndTime } from '@/lib/format';
import type { RestaurantOrderRow } from '@/lib/orders/restaurant-orders';
import { isFinalStatus, STATUS_LABELS, shortOrderId } from '@/lib/orders/status';

// Status and its button first after the number: on a phone the table scrolls sideways, and the button
// an admin came for was four columns off screen.
const COLUMNS = ['Order', 'Status', 'Next step', 'Placed', 'Dishes', 'Total', 'Deliver to'] as const;

/**
 * A restaurant's latest orders on its admin page (newest first, times in India): which are on their
 * way and how far, with what each holds and where it goes, and a button to move each on a step
 * (Accept, Mark preparing…) or cancel it with a reason while placed or accepted. The customer's number is not shown.
 */
export function RestaurantOrders({
  orders,
  onTheirWay: active,
  restaurantName,
  stepAction,
  cancelAction,
}: {
  orders: readonly RestaurantOrderRow[];
  /** All the restaurant's orders on their way, listed or not (lib/orders/restaurant-orders.ts). */
  onTheirWay: number;
  restaurantName: string;
  /** Moves an order to the step its form names (app/admin/…/order-actions.ts). */
  stepAction: OrderStepAction;
  /** Cancels an order with a reason for the customer, while placed or accepted (same file). */
  cancelAction: OrderStepAction;
}) {
  if (orders.length === 0) return <p className="text-sm text-muted">No orders yet.</p>;
  return (
    <>
      <p className="mb-4 text-sm text-muted" data-testid="restaurant-orders-summary">
        {active === 0 ? 'None on its way now.' : `${active} on ${active === 1 ? 'its' : 'their'} way now.`} The latest, newest first; times in
        India.
      </p>
      {/* Focusable, so a keyboard can scroll the table sideways on a phone (axe: scrollable-region-focusable). */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Orders from ${restaurantName}, scrolls sideways`}>
        <table className={styles.table}>
          <caption className="sr-only">Orders from {restaurantName}</caption>
          <TableHead columns={COLUMNS} />
          <tbody>
            {orders.map((order) => {
              const moving = !isFinalStatus(order.status);
              return (
                // Its id is what the audit log's "Order #…" links to; the row is tinted when it is the link's target.
                <tr key={order.id} id={`order-${order.id}`} data-testid="restaurant-order" data-status={order.status} className="target:bg-brand-50">
                  <td className={`${styles.td} font-mono`}>#{shortOrderId(order.id)}</td>
                  <td className={styles.td}>
                    <span className={moving ? 'font-semibold text-brand-800' : order.status === 'cancelled' ? 'text-muted' : 'text-ink'}>
                      {STATUS_LABELS[order.status]}
                    </span>
                    {moving && order.etaAt ? (
                      <span className="block text-xs text-muted">
                        due by <time dateTime={order.etaAt.toISOString()}>{formatClockTime(order.etaAt)}</time>
                      </span>
                    ) : null}
                    {order.cancelReason ? (
                      <span className="block max-w-48 text-xs text-muted" data-testid="restaurant-order-cancel-reason">
                        by you: {order.cancelReason}
                      </span>
                    ) : order.status === 'cancelled' ? (
                      <span className="block text-xs text-muted">by the customer</span>
                    ) : null}
                  </td>
                  <td className={styles.td}>
                    {/* Rendered for a delivered order too, so the answer to "Mark delivered" stays in sight. */}
                    <OrderStepForm key={order.id} action={stepAction} orderId={order.id} status={order.status} />
                    <OrderCancelForm key={`cancel-${order.id}`} action={cancelAction} orderId={order.id} status={order.status} />
                  </td>
                  <td className={styles.td}>
                    <time dateTime={order.createdAt.toISOString()}>{formatDayAndTime(order.createdAt)}</time>
                  </td>
                  <td className={`${styles.td} min-w-40`}>
                    {/* What to cook, not only how many (admin walk: the column said "3"). */}
                    <ul data-testid="restaurant-order-dishes">
                      {order.dishes.map((dish, index) => (
                        <li key={index}>
                          <span className="tabular-nums">{dish.quantity}</span> × {dish.name}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className={`${styles.td} tabular-nums`}>
                    <Price paise={order.totalPaise} />
                  </td>
                  <td className={`${styles.td} max-w-64 text-muted`}>
                    {order.deliveryAddress ?? '—'}
                    {order.deliveryInstructions ? (
                      <span className="mt-1 block text-ink" data-testid="restaurant-order-instructions">
                        <span className="font-semibold">Note:</span> {order.deliveryInstructions}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
