import Link from 'next/link';
import type { ReactNode } from 'react';

import { EmptyState } from '@/components/ui/empty-state';

/**
 * The top of checkout, a customer's or a guest's: the heading, the restaurant the cart is from, a
 * notice of the page's own (`notice`), and what stops the cart being ordered as it is (`problem`).
 */
export function CheckoutHeader({
  restaurant,
  problem,
  notice = null,
}: {
  restaurant: { name: string; href: string } | null;
  problem: string | null;
  notice?: ReactNode;
}) {
  return (
    <>
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Checkout</h1>
      {restaurant ? (
        <p className="mt-1 text-sm text-muted">
          From{' '}
          <Link prefetch={false} href={restaurant.href} className="font-semibold text-ink underline">
            {restaurant.name}
          </Link>
        </p>
      ) : null}
      {notice}
      {problem !== null ? (
        <p role="alert" data-testid="checkout-problem" className="mt-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {problem}
        </p>
      ) : null}
    </>
  );
}

/** Checkout's bill beside the cart (from lg up; `order` places it among the sections on phones). */
export function CheckoutBill({ bill, order }: { bill: ReactNode; order: string }) {
  return (
    <aside aria-labelledby="bill-heading" data-testid="checkout-bill" className={`${order} h-fit rounded-2xl border border-line bg-white p-4 shadow-sm lg:sticky lg:top-20`}>
      <h2 id="bill-heading" className="mb-2 text-base font-extrabold text-ink">
        Bill details
      </h2>
      {bill}
    </aside>
  );
}

/** Checkout with nothing to order; `signInHref` (signed out) offers a cart kept on the account. */
export function EmptyCheckoutCart({ signInHref }: { signInHref?: string }) {
  return (
    <div className="mt-6">
      <EmptyState title="Your cart is empty">
        <p>
          <Link prefetch={false} href="/" className="font-semibold underline">
            Pick a city
          </Link>{' '}
          and tap ADD on a dish to start an order.
          {signInHref ? (
            <>
              {' '}
              A cart on another device?{' '}
              <Link prefetch={false} href={signInHref} className="font-semibold underline">
                Sign in
              </Link>{' '}
              to see it here.
            </>
          ) : null}
        </p>
      </EmptyState>
    </div>
  );
}
