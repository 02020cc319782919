import Link from 'next/link';
import type { ReactNode } from 'react';

import { CheckoutBill } from './checkout-parts';

/**
 * Checkout for a signed-out visitor with a guest cart: the cart (with its − / +) and the bill, as a
 * signed-in checkout shows them, then "Sign in to place your order" (the cart moves into the account
 * on the way, lib/cart/sign-in.ts) and the way back to the menu. Only the order needs an account, as
 * in the apps people know (product review: the header's Cart went straight to the sign-in page).
 * Links, not buttons: they work before the JavaScript loads.
 */
export function GuestCheckout({
  cart,
  bill,
  signInHref,
  menu,
}: {
  cart: ReactNode;
  /** Null when the cart can't be ordered as it is (its problem is said above). */
  bill: ReactNode;
  signInHref: string;
  menu: { name: string; href: string } | null;
}) {
  const card = 'rounded-2xl border border-line bg-white p-4 shadow-sm';
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="contents lg:block lg:space-y-6">
        {cart ? <div className="order-1">{cart}</div> : null}
        <section aria-labelledby="guest-place-heading" data-testid="guest-checkout" className={`order-3 ${card}`}>
          <h2 id="guest-place-heading" className="text-base font-extrabold text-ink">
            Place your order
          </h2>
          <p className="mt-1 text-sm text-muted">
            Sign in with your mobile number to choose where to deliver and place your order. Your cart comes with you.
          </p>
          <Link prefetch={false}
            href={signInHref}
            className="mt-3 flex w-full items-center justify-center rounded-xl bg-brand-700 px-4 py-2.5 text-center text-sm font-bold text-white shadow-sm hover:bg-brand-800"
          >
            Sign in to place your order
          </Link>
          {menu ? (
            <p className="mt-3 text-center text-sm">
              <Link prefetch={false} href={menu.href} className="font-semibold text-ink underline">
                Back to the menu of {menu.name}
              </Link>
            </p>
          ) : null}
        </section>
      </div>
      {bill ? <CheckoutBill bill={bill} order="order-2" /> : null}
    </div>
  );
}
