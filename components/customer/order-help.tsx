import { formatClockTime } from '@/lib/format';
import { CANCELLABLE_STATUS, isFinalStatus, type OrderStatus } from '@/lib/orders/status';

import { OrderDue } from './order-due';

/** Whether an order due at `etaAt` is late at `now` (strictly after its due time). */
export function isLate(etaAt: Date | null, now: Date = new Date()): boolean {
  return etaAt !== null && now.getTime() > etaAt.getTime();
}

const NEXT: Record<Exclude<OrderStatus, 'delivered' | 'cancelled'>, (restaurant: string) => string> = {
  placed: (restaurant) => `${restaurant} confirms your order, then starts cooking. Each step shows here as it happens, and is texted to you.`,
  accepted: (restaurant) => `${restaurant} is about to start cooking. Each step shows here as it happens, and is texted to you.`,
  preparing: () => 'A delivery partner picks it up as soon as it is packed. Each step shows here as it happens, and is texted to you.',
  out_for_delivery: () => 'It is on its way to you. Keep your phone close: the delivery partner may call at the door.',
};

/**
 * The order page's help while an order is on its way (customer walk: the page showed the steps and
 * nothing else): what happens next, whether it can still be cancelled (decision 051: until the
 * restaurant accepts), and when it is due or that it is late, with what that means for paying (cash
 * on delivery: nothing is paid for an order that has not arrived). `now` is the render's; past the due
 * time between two steps, OrderDue turns the answer to "running late" in the browser.
 * Nothing once delivered or cancelled.
 */
export function OrderHelp({
  status,
  restaurantName,
  etaAt,
  totalText,
  now = new Date(),
}: {
  status: OrderStatus;
  restaurantName: string;
  etaAt: Date | null;
  /** The amount to pay at the door, as the bill says it. */
  totalText: string;
  now?: Date;
}) {
  if (isFinalStatus(status)) return null;
  const step = status as keyof typeof NEXT;
  const late = isLate(etaAt, now);
  return (
    <section aria-labelledby="order-help-heading" data-testid="order-help" className="mt-8 rounded-2xl border border-line bg-white p-4 text-sm shadow-sm">
      <h2 id="order-help-heading" className="text-base font-extrabold text-ink">
        Help with this order
      </h2>
      <dl className="mt-2 space-y-3">
        <div>
          <dt className="font-semibold text-ink">What happens next</dt>
          <dd className="text-muted">
            {NEXT[step](restaurantName)}
            {status === 'out_for_delivery' ? ` Keep ${totalText} ready in cash: you pay at the door.` : null}
          </dd>
        </div>
        <div>
          <dt className="font-semibold text-ink">Cancelling</dt>
          <dd className="text-muted">
            {status === CANCELLABLE_STATUS
              ? `Free to cancel until ${restaurantName} accepts it (above).`
              : `${restaurantName} has accepted it, so it can no longer be cancelled: the kitchen has started on it.`}
          </dd>
        </div>
        {etaAt ? (
          <div>
            <dt className="font-semibold text-ink">If it is late</dt>
            <OrderDue etaAt={etaAt.toISOString()} late={late} due={<time dateTime={etaAt.toISOString()}>{formatClockTime(etaAt)}</time>} />
          </div>
        ) : null}
      </dl>
    </section>
  );
}
