import { OrderCancelForm } from '@/components/admin/order-cancel-form';
import { OrderStepForm, type OrderStepAction } from '@/components/admin/order-step-form';
import { TableHead } from '@/components/admin/table-head';
import { styles } from '@/components/admin/styles';
import { Price } from '@/components/ui/price';
import { formatClockTime, formatDayAndTime } from '@/lib/format';
import type { RestaurantOrderRow } from '@/lib/orders/restaurant-orders';
import { isFinalStatus, STATUS_LABELS, shortOrderId } from '@/lib/orders/status';

// Status and its button first after the number: on a wide screen's table they are what an admin came for.
const COLUMNS = ['Order', 'Status', 'Next step', 'Placed', 'Dishes', 'Total', 'Deliver to'] as const;

// Admin walk on a phone: a restaurant owner runs the kitchen from one, and the table scrolled sideways,
// an order's total, address and note off screen beside its buttons. Below `md` the same table lays out
// each order as a card (one markup for both, so every testid, form and focus of decision 075 stays one):
// number and status, the buttons, when and how much, the dishes, the address. The header row is left
// to screen readers there, and the few cells that need it say what they are. A table, row or cell shown
// as a block or a flexbox loses its table role in Safari (and in Chromium for some displays), so each
// says its role and the table its name explicitly: a reader gets the same table at either width.
const TABLE = 'w-full text-left text-sm md:min-w-[36rem] max-md:block';
const BODY = 'max-md:block max-md:space-y-3';
const ROW = 'max-md:flex max-md:flex-wrap max-md:items-baseline max-md:gap-x-3 max-md:rounded-2xl max-md:border max-md:border-line max-md:p-3';
const CELL = `${styles.td} max-md:block max-md:border-0 max-md:py-1 max-md:pr-0`;
const ON_PHONE = 'md:hidden';

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
      {/* Focusable, so a keyboard can scroll the table sideways where a window is too narrow for it yet
          wider than a phone's cards (axe: scrollable-region-focusable). */}
      <div className="md:overflow-x-auto" tabIndex={0} role="region" aria-label={`Orders from ${restaurantName}`}>
        <table className={TABLE} role="table" aria-label={`Orders from ${restaurantName}`}>
          <caption className="sr-only">Orders from {restaurantName}</caption>
          <TableHead columns={COLUMNS} className="max-md:sr-only" roles />
          <tbody className={BODY} role="rowgroup">
            {orders.map((order) => {
              const moving = !isFinalStatus(order.status);
              return (
                // Its id is what the audit log's "Order #…" links to; the row is tinted when it is the link's target.
                <tr key={order.id} id={`order-${order.id}`} data-testid="restaurant-order" data-status={order.status} className={`target:bg-brand-50 ${ROW}`} role="row">
                  <td className={`${CELL} font-mono max-md:font-semibold`} role="cell">#{shortOrderId(order.id)}</td>
                  <td className={`${CELL} max-md:min-w-0 max-md:flex-1`} role="cell">
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
                  <td className={`${CELL} max-md:w-full`} role="cell">
                    {/* Rendered for a delivered order too, so the answer to "Mark delivered" stays in sight. */}
                    <OrderStepForm key={order.id} action={stepAction} orderId={order.id} status={order.status} />
                    <OrderCancelForm key={`cancel-${order.id}`} action={cancelAction} orderId={order.id} status={order.status} />
                  </td>
                  <td className={`${CELL} max-md:flex-1 max-md:text-muted`} role="cell">
                    <span className={ON_PHONE}>Placed </span>
                    <time dateTime={order.createdAt.toISOString()}>{formatDayAndTime(order.createdAt)}</time>
                  </td>
                  <td className={`${CELL} md:min-w-40 max-md:order-last max-md:w-full`} role="cell">
                    {/* What to cook, not only how many (admin walk: the column said "3"). */}
                    <ul data-testid="restaurant-order-dishes">
                      {order.dishes.map((dish, index) => (
                        <li key={index}>
                          <span className="tabular-nums">{dish.quantity}</span> × {dish.name}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className={`${CELL} tabular-nums max-md:font-semibold`} role="cell">
                    <Price paise={order.totalPaise} />
                  </td>
                  <td className={`${CELL} text-muted md:max-w-64 max-md:order-last max-md:w-full`} role="cell">
                    <span className={ON_PHONE}>Deliver to: </span>
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
