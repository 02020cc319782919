import type { ReactNode } from 'react';

import { BillBreakdown } from '@/components/customer/bill-breakdown';
import { CartPanel } from '@/components/customer/cart-panel';
import { PriceChangeNote } from '@/components/customer/price-change-note';
import { CartCountFromPage } from '@/components/layout/header-cart-link';
import { CheckoutHeader, EmptyCheckoutCart } from '@/components/customer/checkout-parts';
import { GuestCheckout } from '@/components/customer/guest-checkout';
import { Container } from '@/components/layout/container';
import { readAddedPrices } from '@/lib/cart/prices';
import { readGuestCart } from '@/lib/cart/guest-cart';
import { GST_PERCENT } from '@/lib/orders/bill';
import { dishesIn } from '@/lib/cart/dishes';
import { checkoutLines } from '@/lib/orders/checkout-lines';
import { priceChanges } from '@/lib/orders/price-changes';
import { quoteCart } from '@/lib/orders/quote';

import { changeCheckoutQuantity } from './actions';

const SIGN_IN = '/login?next=%2Fcheckout';

/**
 * /checkout signed out (the header's Cart lands here): the guest cart priced as checkout prices it,
 * with sign-in as the one step left; with no cart, the empty cart (one on the account is a sign-in
 * away); a cart Redis can't read, a message and Try again, never a 500 and never the sign-in page.
 * A function the page awaits, not an async component, so the page renders in tests as it does in Next.
 */
export async function guestCheckout(): Promise<ReactNode> {
  const guest = await readGuestCart();
  if (guest.status === 'unavailable') {
    return (
      <Container width="narrow" className="py-8 sm:py-12">
        <CheckoutHeader restaurant={null} problem={null} />
        <p role="alert" data-testid="cart-unavailable" className="mt-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          Your cart can&apos;t be loaded just now. It is kept:{' '}
          {/* A whole page load, as SessionUnavailable's Try again: it works before the JavaScript loads. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/checkout" className="font-semibold underline">
            try again
          </a>{' '}
          in a moment.
        </p>
      </Container>
    );
  }
  const [quote, addedPrices] = guest.status === 'cart' ? await Promise.all([quoteCart(guest.cart), readAddedPrices(guest.owner)]) : [null, new Map<number, number>()];
  if (quote === null || quote.status === 'empty') {
    return (
      <Container width="narrow" className="py-8 sm:py-12">
        <CartCountFromPage items={0} />
        <CheckoutHeader restaurant={null} problem={null} />
        <EmptyCheckoutCart signInHref={SIGN_IN} />
      </Container>
    );
  }

  const lines = checkoutLines(quote.lines);
  const restaurant = quote.restaurant;
  const menu = restaurant ? { name: restaurant.name, href: `/${restaurant.citySlug}/${restaurant.slug}` } : null;
  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <CartCountFromPage items={dishesIn(lines)} />
      <CheckoutHeader restaurant={menu} problem={quote.status !== 'ok' ? quote.message : null} />
      <PriceChangeNote changes={priceChanges(quote.lines, addedPrices)} className="mt-4" />
      <GuestCheckout
        cart={lines.length > 0 ? <CartPanel lines={lines} change={changeCheckoutQuantity} orderable checkoutHref={null} /> : null}
        bill={quote.status === 'ok' ? <BillBreakdown bill={quote.bill} gstPercent={GST_PERCENT} /> : null}
        signInHref={SIGN_IN}
        menu={menu}
      />
    </Container>
  );
}
