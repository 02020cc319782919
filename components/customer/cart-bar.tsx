import { formatRupees, plural } from '@/lib/format';

/**
 * The phone's sticky cart bar ("2 items · ₹868 · View cart"), fixed to the bottom of the viewport so
 * an ADD far down a long menu shows at once; hidden from lg up, where the side cart is. It opens the
 * cart over the menu (CartSheet), signed in or not: a guest sees and changes their cart before being
 * asked to sign in at checkout.
 */
export function CartBar({ count, totalPaise, onOpen }: { count: number; totalPaise: number; onOpen: () => void }) {
  if (count === 0) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-30 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] lg:hidden">
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
