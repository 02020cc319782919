import Link from 'next/link';

import { isFinalStatus, type OrderStatus } from '@/lib/orders/status';

/** Where an order on its way is, in the words of a sentence about it. */
const PROGRESS: Record<OrderStatus, string> = {
  placed: 'is placed',
  accepted: 'is accepted',
  preparing: 'is being prepared',
  out_for_delivery: 'is on its way',
  delivered: 'was delivered',
  cancelled: 'was cancelled',
};

/** On an empty cart, the order just placed (Back from its page lands here): where it is, and a link to it. */
export function OrderToTrack({ order }: { order: { id: string; status: OrderStatus; restaurantName: string } }) {
  const final = isFinalStatus(order.status);
  return (
    <div data-testid="order-to-track" className="mt-6 flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-brand-200 bg-brand-50 px-4 py-3">
      <p className="text-sm text-ink">
        Your order from <strong className="font-semibold">{order.restaurantName}</strong> {PROGRESS[order.status]}.
      </p>
      <Link prefetch={false} href={`/orders/${order.id}`} className="rounded-xl bg-brand-700 px-4 py-2 text-sm font-bold text-white shadow-sm hover:bg-brand-800">
        {final ? 'View order' : 'Track it'}
      </Link>
    </div>
  );
}
