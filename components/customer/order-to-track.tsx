import Link from 'next/link';

import { STATUS_LABELS, type OrderStatus } from '@/lib/orders/status';

/** On an empty cart, the order just placed (Back from its page lands here): where it is, and a link to it. */
export function OrderToTrack({ order }: { order: { id: string; status: OrderStatus; restaurantName: string } }) {
  const delivered = order.status === 'delivered';
  return (
    <div data-testid="order-to-track" className="mt-6 flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-brand-200 bg-brand-50 px-4 py-3">
      <p className="text-sm text-ink">
        {delivered ? (
          <>
            Your order from <strong className="font-semibold">{order.restaurantName}</strong> was delivered.
          </>
        ) : (
          <>
            Your order from <strong className="font-semibold">{order.restaurantName}</strong> is on its way ({STATUS_LABELS[order.status].toLowerCase()}).
          </>
        )}
      </p>
      <Link href={`/orders/${order.id}`} className="rounded-xl bg-brand-700 px-4 py-2 text-sm font-bold text-white shadow-sm hover:bg-brand-800">
        {delivered ? 'View order' : 'Track it'}
      </Link>
    </div>
  );
}
