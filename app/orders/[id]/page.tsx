import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { Container } from '@/components/layout/container';
import { BillBreakdown } from '@/components/customer/bill-breakdown';
import { CancelOrder } from '@/components/customer/cancel-order';
import { isLate, OrderHelp } from '@/components/customer/order-help';
import { ArrivingBy } from '@/components/customer/order-due';
import { OrderStatusPoller } from '@/components/customer/order-status-poller';
import { ReorderButton, ReorderCartNote } from '@/components/customer/reorder-button';
import { CartCountSeen } from '@/components/layout/header-cart-link';
import { readCart } from '@/lib/cart/cart';
import { dishesIn } from '@/lib/cart/dishes';
import { cartOwners } from '@/lib/cart/keys';
import { Price } from '@/components/ui/price';
import { SessionUnavailable } from '@/components/ui/session-unavailable';
import { requireCustomer } from '@/lib/customers/session';
import { formatClockTime, formatRupees } from '@/lib/format';
import { GST_PERCENT } from '@/lib/orders/bill';
import { expectedAcceptanceAt } from '@/lib/orders/cancel';
import { loadOwnOrderOnce, orderPageMetadata } from '@/lib/orders/page-metadata';
import { nudgeQueue } from '@/lib/queue';
import { CANCELLABLE_STATUS, isFinalStatus, isOrderId, ORDER_STEPS, STATUS_LABELS, shortOrderId, type OrderStatus } from '@/lib/orders/status';

export async function generateMetadata({ params }: Pick<OrderPageProps, 'params'>): Promise<Metadata> {
  return orderPageMetadata((await params).id);
}

import { cancelOrderAction, reorderAction } from './actions';

interface OrderPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const REORDER_PROBLEMS: Record<string, string> = {
  unavailable: 'These dishes can’t be ordered right now (the restaurant is closed or no longer serves them).',
  failed: 'Reorder did not work just now. Please try again in a moment.',
};

const CANCEL_PROBLEMS: Record<string, string> = {
  'too-late': 'The restaurant has already accepted this order, so it can no longer be cancelled.',
  failed: 'Cancelling did not work just now. Please try again in a moment.',
};

/**
 * A cancelled order's timeline: the steps it reached (placed, and accepted if the restaurant cancelled
 * it after accepting) and where it stopped, not the steps it will never reach.
 */
function cancelledSteps(reachedAt: Partial<Record<OrderStatus, Date>>): readonly OrderStatus[] {
  const reached = ORDER_STEPS.filter((step) => step === 'placed' || reachedAt[step]);
  return [...reached, 'cancelled'];
}

/**
 * One order, for its owner only: signed out goes to /login (and back), anyone else gets the same
 * 404 as for an id that doesn't exist. Polls its status until delivered or cancelled and renders
 * again when it changes; each render and poll nudges the queue, so on serverless deployments (no
 * worker) the order's delayed steps run without waiting for the cron backstop. While placed, it can
 * be cancelled (lib/orders/cancel.ts).
 */
export default async function OrderPage({ params, searchParams }: OrderPageProps) {
  const { id } = await params;
  const { reorder: reorderProblem, cancel: cancelProblem } = await searchParams;
  // Before the sign-in redirect, which carries the id: a malformed one is simply not an order.
  if (!isOrderId(id)) notFound();
  const here = `/orders/${encodeURIComponent(id)}`;
  const customer = await requireCustomer(here);
  if (!customer) return <SessionUnavailable retryHref={here} />;
  const order = await loadOwnOrderOnce(customer.customerId, id);
  if (!order) notFound();
  const cancelled = order.status === 'cancelled';
  const steps: readonly OrderStatus[] = cancelled ? cancelledSteps(order.reachedAt) : ORDER_STEPS;
  const reached = steps.indexOf(order.status);
  const delivered = order.status === 'delivered';
  const final = isFinalStatus(order.status);
  if (!final) await nudgeQueue();
  // The header's count from the first paint: after checkout it had the ordered cart's (decision 060's
  // amendment). Null when Redis can't say: the header's own request tries.
  const inCart = await readCart(cartOwners.customer(customer.customerId)).then(
    (cart) => dishesIn(cart.items),
    () => null,
  );

  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <OrderStatusPoller orderId={order.id} status={order.status} done={final} />
      <CartCountSeen items={inCart} />
      <p className="text-sm text-muted">
        Order <span className="font-mono">#{shortOrderId(order.id)}</span> from{' '}
        <Link prefetch={false} href={`/${order.restaurant.citySlug}/${order.restaurant.slug}`} className="font-semibold text-ink underline">
          {order.restaurant.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">
        {/* Announced when the poll brings a new status: a screen reader hears "Out for delivery". */}
        <span data-testid="order-status" data-status={order.status} role="status" aria-live="polite">
          {STATUS_LABELS[order.status]}
        </span>
      </h1>
      {delivered ? (
        order.reachedAt.delivered ? (
          <p className="mt-1 text-sm text-muted">Delivered at {formatClockTime(order.reachedAt.delivered)}</p>
        ) : null
      ) : cancelled ? (
        order.cancelReason !== null ? (
          // The restaurant cancelled it (decision 068): its reason, in its words, and nothing to pay.
          <p className="mt-1 text-sm text-ink" data-testid="order-cancelled" data-by="restaurant">
            {order.restaurant.name} cancelled it{order.reachedAt.cancelled ? ` at ${formatClockTime(order.reachedAt.cancelled)}` : ''}:{' '}
            <q data-testid="order-cancel-reason">{order.cancelReason}</q>. Sorry about that. Nothing to pay.
          </p>
        ) : (
          <p className="mt-1 text-sm text-muted" data-testid="order-cancelled" data-by="customer">
            Cancelled{order.reachedAt.cancelled ? ` at ${formatClockTime(order.reachedAt.cancelled)}` : ''}, as you asked. Nothing to pay.
          </p>
        )
      ) : order.etaAt ? (
        <p className="mt-1 text-base font-semibold text-ink" data-testid="order-eta">
          <ArrivingBy
            etaAt={order.etaAt.toISOString()}
            late={isLate(order.etaAt)}
            due={<time dateTime={order.etaAt.toISOString()}>{formatClockTime(order.etaAt)}</time>}
          />
        </p>
      ) : null}
      {/* Own keys only: a plain lookup also finds ?reorder=__proto__ (Object.prototype), which React can't render. */}
      {typeof reorderProblem === 'string' && Object.hasOwn(REORDER_PROBLEMS, reorderProblem) ? (
        <p role="alert" className="mt-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {REORDER_PROBLEMS[reorderProblem]}
        </p>
      ) : null}
      {/* "Too late" only where it is true: a link with ?cancel=too-late to a placed order says nothing. */}
      {typeof cancelProblem === 'string' && Object.hasOwn(CANCEL_PROBLEMS, cancelProblem) && (cancelProblem !== 'too-late' || (!cancelled && order.status !== CANCELLABLE_STATUS)) ? (
        <p role="alert" data-testid="cancel-problem" className="mt-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {CANCEL_PROBLEMS[cancelProblem]}
        </p>
      ) : null}
      {order.status === CANCELLABLE_STATUS ? (
        <CancelOrder
          action={cancelOrderAction.bind(null, order.id)}
          restaurantName={order.restaurant.name}
          expectedBy={expectedAcceptanceAt(order.reachedAt.placed ?? order.createdAt)}
          className="mt-4"
        />
      ) : null}
      {final ? (
        <>
          <ReorderButton action={reorderAction.bind(null, order.id)} restaurantName={order.restaurant.name} className="mt-4" />
          <ReorderCartNote itemsInCart={inCart ?? 0} className="mt-1" />
        </>
      ) : null}

      <ol aria-label="Order progress" className="mt-6 space-y-3">
        {steps.map((status, index) => {
          const done = index <= reached;
          const at = order.reachedAt[status];
          return (
            <li
              key={status}
              data-testid="order-step"
              aria-current={index === reached ? 'step' : undefined}
              className="flex items-center gap-3 text-sm"
            >
              <span
                aria-hidden
                className={`size-3 rounded-full ${done ? (status === 'cancelled' ? 'bg-red-700' : 'bg-brand-600') : 'border border-line bg-white'}`}
              />
              <span className={done ? 'font-semibold text-ink' : 'text-muted'}>{STATUS_LABELS[status]}</span>
              {done && at ? (
                <time data-testid="order-step-time" dateTime={at.toISOString()} className="ml-auto text-muted tabular-nums">
                  {formatClockTime(at)}
                </time>
              ) : null}
            </li>
          );
        })}
      </ol>

      <OrderHelp status={order.status} restaurantName={order.restaurant.name} etaAt={order.etaAt} totalText={formatRupees(order.totalPaise)} />

      <section aria-labelledby="items-heading" className="mt-8 rounded-2xl border border-line bg-white p-4 shadow-sm">
        <h2 id="items-heading" className="text-base font-extrabold text-ink">
          Items
        </h2>
        <ul className="mt-2 divide-y divide-line">
          {order.items.map((item, index) => (
            <li key={index} data-testid="order-item" className="flex justify-between gap-3 py-2 text-sm text-ink">
              <span>
                {item.quantity} × {item.name}
              </span>
              <Price paise={item.pricePaise * item.quantity} className="font-semibold" />
            </li>
          ))}
        </ul>
        <div className="mt-3 border-t border-line pt-3">
          {order.bill ? (
            <BillBreakdown bill={order.bill} gstPercent={GST_PERCENT} paid />
          ) : (
            <p className="flex justify-between text-sm font-extrabold text-ink">
              <span>Total</span>
              <span data-testid="bill-total">
                <Price paise={order.totalPaise} />
              </span>
            </p>
          )}
        </div>
        <dl className="mt-4 space-y-1 border-t border-line pt-3 text-sm">
          {order.deliveryAddress ? (
            <div>
              <dt className="inline font-semibold text-ink">Deliver to: </dt>
              <dd className="inline text-muted">{order.deliveryAddress}</dd>
            </div>
          ) : null}
          {order.deliveryInstructions ? (
            <div>
              <dt className="inline font-semibold text-ink">Instructions: </dt>
              <dd className="inline text-muted">{order.deliveryInstructions}</dd>
            </div>
          ) : null}
          <div>
            <dt className="inline font-semibold text-ink">Payment: </dt>
            <dd className="inline text-muted">{order.paymentMethod === 'cod' ? 'Cash on delivery' : order.paymentMethod}</dd>
          </div>
        </dl>
      </section>
      <p className="mt-6 text-sm">
        <Link prefetch={false} href="/account" className="font-semibold text-ink underline">
          All your orders
        </Link>
      </p>
    </Container>
  );
}
