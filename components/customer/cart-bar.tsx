import Link from 'next/link';

import { formatRupees, plural } from '@/lib/format';

const BAR = 'fixed inset-x-0 bottom-0 z-30 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] lg:hidden';

/**
 * The phone's sticky cart bar ("2 items · ₹868 · View cart"), fixed to the bottom of the viewport so
 * an ADD far down a long menu shows at once; hidden from lg up, where the side cart is. It opens the
 * cart over the menu (CartSheet), signed in or not: a guest sees and changes their cart before being
 * asked to sign in at checkout.
 *
 * With nothing from this restaurant, it still says what the side cart says on a desktop: that the cart
 * holds another restaurant's dishes (a link back there), or that it could not be read (Try again).
 * A phone showed neither, so a customer browsing a second menu had lost sight of their cart.
 */
export function CartBar({
  count,
  totalPaise,
  onOpen,
  elsewhere = null,
  retry = null,
}: {
  count: number;
  totalPaise: number;
  onOpen: () => void;
  elsewhere?: { name: string; href: string } | null;
  retry?: (() => void) | null;
}) {
  if (count === 0) {
    if (retry) {
      return (
        <div data-cart-bar className={BAR}>
          <p
            role="status"
            data-testid="cart-bar-problem"
            className="mx-auto flex w-full max-w-xl items-center justify-between gap-3 rounded-2xl border border-line bg-white px-4 py-3 text-sm text-ink shadow-lg"
          >
            <span>Your cart couldn&apos;t be loaded just now.</span>
            <button type="button" onClick={retry} className="shrink-0 font-bold text-brand-800 underline">
              Try again
            </button>
          </p>
        </div>
      );
    }
    if (elsewhere) {
      return (
        <div data-cart-bar className={BAR}>
          <Link prefetch={false}
            href={elsewhere.href}
            data-testid="cart-bar-elsewhere"
            className="mx-auto flex w-full max-w-xl items-center justify-between gap-3 rounded-2xl border border-line bg-white px-4 py-3 text-sm text-ink shadow-lg"
          >
            <span className="min-w-0">
              Your cart has dishes from <span className="font-bold">{elsewhere.name}</span>
            </span>
            <span className="shrink-0 font-bold text-brand-800">View</span>
          </Link>
        </div>
      );
    }
    return null;
  }
  return (
    <div data-cart-bar className={BAR}>
      <button
        type="button"
        onClick={onOpen}
        aria-haspopup="dialog"
        data-testid="cart-bar"
        className="mx-auto flex w-full max-w-xl items-center justify-between gap-3 rounded-2xl bg-rating px-4 py-3 text-left text-sm font-bold text-white shadow-lg"
      >
        <span>
          {plural(count, 'item')} · {formatRupees(totalPaise)} · View cart
        </span>
        <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true" focusable="false">
          <path d="M4 13l6-6 6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
