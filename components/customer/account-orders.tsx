import Link from 'next/link';

import { LinkPendingChevron } from '@/components/ui/link-pending-chevron';
import { Price } from '@/components/ui/price';
import { formatClockTime, formatDayAndTime, plural } from '@/lib/format';
import { ACCOUNT_STATUS_POLL_MS } from '@/lib/orders/active-orders';
import type { OrderSummary } from '@/lib/orders/queries';
import { isFinalStatus, STATUS_LABELS, shortOrderId } from '@/lib/orders/status';

import { ActiveOrdersPoller } from './active-orders-poller';
import { ArrivingBy } from './order-due';
import { isLate } from './order-help';
import { ReorderButton, ReorderCartNote } from './reorder-button';

/** An order as /account lists it (lib/orders/queries.ts reads them). */
export type AccountOrder = OrderSummary;

interface AccountOrdersProps {
  /** Null when they could not be read just now (a fault): the page says so and heals by itself. */
  orders: readonly AccountOrder[] | null;
  itemsInCart: number;
  /** The "Reorder" server action of one order (app/orders/[id]/actions). */
  reorder: (orderId: string) => () => Promise<void>;
}

/** "#abc123 · 2 items · 6 Dec 2026, 3:30 pm": the time too, so a day's lunch and dinner tell apart. */
function orderLine(order: AccountOrder) {
  return (
    <>
      #{shortOrderId(order.id)} · {plural(order.itemCount, 'item')} ·{' '}
      <time dateTime={order.createdAt.toISOString()}>{formatDayAndTime(order.createdAt)}</time>
    </>
  );
}

/**
 * /account's orders: those still on their way first, under "Active orders" with their status and a
 * Track link (review finding: a placed order sat among delivered ones with nothing to tell it apart),
 * then the delivered and cancelled ones under "Past orders", each with Reorder.
 */
export function AccountOrders({ orders, itemsInCart, reorder }: AccountOrdersProps) {
  if (orders === null) return <OrdersUnreadable />;
  const active = orders.filter((order) => !isFinalStatus(order.status));
  const past = orders.filter((order) => isFinalStatus(order.status));
  return (
    <>
      {active.length > 0 ? (
        <section aria-labelledby="active-orders-heading" className="mt-8">
          <h2 id="active-orders-heading" className="text-lg font-extrabold text-ink">
            Active orders
          </h2>
          <ul data-testid="active-orders" className="mt-3 divide-y divide-brand-200 rounded-2xl border border-brand-200 bg-brand-50">
            {active.map((order) => (
              <li key={order.id} data-testid="account-order" className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <span className="min-w-0">
                  <span className="block truncate text-sm font-semibold text-ink">{order.restaurantName}</span>
                  <span className="block text-xs text-muted">
                    {orderLine(order)} · <Price paise={order.totalPaise} />
                  </span>
                  <span data-testid="account-order-status" data-status={order.status} className="mt-1 block text-sm font-bold text-brand-800">
                    {STATUS_LABELS[order.status]}
                  </span>
                  {/* Customer walk: the order page says "Arriving by 10:11 pm", the account's list of orders on
                      their way only the step, so "when does it come?" took a Track. Turns late by itself. */}
                  {order.etaAt ? (
                    <span data-testid="account-order-eta" className="block text-sm text-ink">
                      <ArrivingBy
                        etaAt={order.etaAt.toISOString()}
                        late={isLate(order.etaAt)}
                        due={<time dateTime={order.etaAt.toISOString()}>{formatClockTime(order.etaAt)}</time>}
                      />
                    </span>
                  ) : null}
                </span>
                <Link prefetch={false}
                  href={`/orders/${order.id}`}
                  className="rounded-xl bg-brand-700 px-4 py-2 text-sm font-bold text-white shadow-sm hover:bg-brand-800"
                >
                  Track<span className="sr-only"> your order from {order.restaurantName}</span>
                </Link>
              </li>
            ))}
          </ul>
          {/* Customer walk: the status sat at "Placed" while the order moved on; the page renders again when
              one changes. Slower than the order page's 2 s: here it is a glance, not the thing watched. One
              poll for all of them (review: one per order was 6 requests a minute each). */}
          <ActiveOrdersPoller orders={active.map(({ id, status }) => ({ id, status }))} intervalMs={ACCOUNT_STATUS_POLL_MS} />
        </section>
      ) : null}
      {past.length > 0 || active.length === 0 ? (
        <section aria-labelledby="orders-heading" className="mt-8">
          <h2 id="orders-heading" className="text-lg font-extrabold text-ink">
            Past orders
          </h2>
          {past.length > 0 ? <ReorderCartNote itemsInCart={itemsInCart} className="mt-1" /> : null}
          {/* Customer walk: with nothing on its way there was no poll, so an order placed in another tab
              showed only on the next visit. This asks only when the visitor comes back to the tab. */}
          {active.length === 0 ? <ActiveOrdersPoller orders={[]} intervalMs={null} /> : null}
          {past.length === 0 ? (
            <p className="mt-2 text-sm text-muted">No orders yet.</p>
          ) : (
            <ul className="mt-3 divide-y divide-line rounded-2xl border border-line bg-white shadow-sm">
              {past.map((order) => (
                <li key={order.id} data-testid="account-order" className="flex items-center gap-2 pr-3">
                  {/* Customer walk: the row was a link that looked like text (ink, a faint hover, no mark). Now the
                      restaurant is link-coloured, a chevron says it opens, and hover and focus tint the row. */}
                  <Link
                    prefetch={false}
                    href={`/orders/${order.id}`}
                    data-testid="account-order-link"
                    className="group flex min-w-0 flex-1 items-center justify-between gap-3 rounded-2xl p-4 hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:outline-offset-[-3px]"
                  >
                    <span className="min-w-0">
                      {/* Phone review: at 390 px, beside the total and Reorder, the name was cut to "Tehzeeb Dum
                          Bi…"; it wraps instead (a long single word too), the row growing a line. */}
                      <span className="block text-sm font-semibold wrap-break-word text-brand-700 underline-offset-4 group-hover:underline">
                        <span className="sr-only">View your order from </span>
                        {order.restaurantName}
                      </span>
                      <span className="block text-xs text-muted">{orderLine(order)}</span>
                      {/* Customer walk: "Cancelled" alone did not say whether the customer or the restaurant
                          cancelled it (decision 068), nor why; worded as the order's page words it. */}
                      {order.status === 'cancelled' ? (
                        <span data-testid="account-order-cancelled" className="mt-0.5 block text-xs text-red-800">
                          {order.cancelReason === null ? (
                            'You cancelled it.'
                          ) : (
                            <>
                              {order.restaurantName} cancelled it: <q data-testid="account-order-cancel-reason">{order.cancelReason}</q>
                            </>
                          )}
                        </span>
                      ) : null}
                    </span>
                    <span className="text-right text-sm">
                      <Price paise={order.totalPaise} className="block font-semibold text-ink" />
                      <span
                        data-testid="account-order-status"
                        data-status={order.status}
                        className={`block text-xs ${order.status === 'cancelled' ? 'text-red-800' : 'text-muted'}`}
                      >
                        {STATUS_LABELS[order.status]}
                      </span>
                    </span>
                    <LinkPendingChevron className="size-4 shrink-0 text-muted group-hover:text-brand-700" />
                  </Link>
                  {/* A cancelled order is often one to redo. */}
                  <ReorderButton action={reorder(order.id)} restaurantName={order.restaurantName} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}

/**
 * The orders could not be read when the page rendered (Postgres slow or out for a moment). Not "No
 * orders yet", which would be wrong; the poll renders the page again once they can be read (review:
 * the poller was mounted only with active orders shown, so this page stayed so until a reload).
 */
function OrdersUnreadable() {
  return (
    <section aria-labelledby="orders-heading" className="mt-8">
      <h2 id="orders-heading" className="text-lg font-extrabold text-ink">
        Your orders
      </h2>
      <p role="status" data-testid="account-orders-unavailable" className="mt-2 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950">
        Your orders can’t be shown just now. They will appear here by themselves in a moment.
      </p>
      <ActiveOrdersPoller orders={null} intervalMs={ACCOUNT_STATUS_POLL_MS} />
    </section>
  );
}
