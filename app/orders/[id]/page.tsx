import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { Container } from '@/components/layout/container';
import { OrderStatusPoller } from '@/components/customer/order-status-poller';
import { Price } from '@/components/ui/price';
import { requireCustomer } from '@/lib/customers/session';
import { formatClockTime } from '@/lib/format';
import { loadOwnOrder } from '@/lib/orders/queries';
import { nudgeQueue } from '@/lib/queue';
import { ORDER_STATUSES, STATUS_LABELS, shortOrderId } from '@/lib/orders/status';

export const metadata: Metadata = { title: 'Your order', robots: { index: false } };

interface OrderPageProps {
  params: Promise<{ id: string }>;
}

/**
 * One order, for its owner only: signed out goes to /login (and back), anyone else gets the same
 * 404 as for an id that doesn't exist. Polls (router.refresh) until delivered; each poll nudges the
 * queue, so on serverless deployments (no worker) the order's delayed steps run without waiting for
 * the cron backstop.
 */
export default async function OrderPage({ params }: OrderPageProps) {
  const { id } = await params;
  const customer = await requireCustomer(`/orders/${encodeURIComponent(id)}`);
  const order = await loadOwnOrder(customer.customerId, id);
  if (!order) notFound();
  const reached = ORDER_STATUSES.indexOf(order.status);
  const delivered = order.status === 'delivered';
  if (!delivered) await nudgeQueue();

  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <OrderStatusPoller done={delivered} />
      <p className="text-sm text-muted">
        Order <span className="font-mono">#{shortOrderId(order.id)}</span> from{' '}
        <Link href={`/${order.restaurant.citySlug}/${order.restaurant.slug}`} className="font-semibold text-ink underline">
          {order.restaurant.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">
        <span data-testid="order-status" data-status={order.status}>
          {STATUS_LABELS[order.status]}
        </span>
      </h1>

      <ol aria-label="Order progress" className="mt-6 space-y-3">
        {ORDER_STATUSES.map((status, index) => {
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
                className={`size-3 rounded-full ${done ? 'bg-brand-600' : 'border border-line bg-white'}`}
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
        <p className="mt-3 flex justify-between border-t border-line pt-3 text-sm font-extrabold text-ink">
          <span>Total</span>
          <span data-testid="order-total">
            <Price paise={order.totalPaise} />
          </span>
        </p>
      </section>
      <p className="mt-6 text-sm">
        <Link href="/account" className="font-semibold text-ink underline">
          All your orders
        </Link>
      </p>
    </Container>
  );
}
