import Link from 'next/link';

import { LinkPendingChevron } from '@/components/ui/link-pending-chevron';
import { formatRupees, plural } from '@/lib/format';

/**
 * The phone's sticky cart bar ("2 items · ₹868 · View cart"), fixed to the bottom of the viewport so
 * an ADD far down a long menu shows at once; hidden from lg up, where the side cart is.
 */
export function CartBar({ count, totalPaise }: { count: number; totalPaise: number }) {
  if (count === 0) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-30 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] lg:hidden">
      <Link
        href="/checkout"
        data-testid="cart-bar"
        className="mx-auto flex max-w-xl items-center justify-between gap-3 rounded-2xl bg-rating px-4 py-3 text-sm font-bold text-white shadow-lg"
      >
        <span>
          {plural(count, 'item')} · {formatRupees(totalPaise)} · View cart
        </span>
        <span className="flex items-center">
          <LinkPendingChevron />
        </span>
      </Link>
    </div>
  );
}
