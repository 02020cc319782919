import { randomBytes } from 'node:crypto';

import type { Metadata } from 'next';

import { Container } from '@/components/layout/container';
import { AddressForm } from '@/components/customer/address-form';
import { AddressNoticeBanner } from '@/components/customer/address-notice';
import { BillBreakdown } from '@/components/customer/bill-breakdown';
import { CartPanel } from '@/components/customer/cart-panel';
import { PriceChangeNote } from '@/components/customer/price-change-note';
import { ReorderLeftOutNote } from '@/components/customer/reorder-left-out-note';
import { CartCountFromPage } from '@/components/layout/header-cart-link';
import { CheckoutForm } from '@/components/customer/checkout-form';
import { CheckoutHeader, EmptyCheckoutCart } from '@/components/customer/checkout-parts';
import { CheckoutSections } from '@/components/customer/checkout-sections';
import { OrderToTrack } from '@/components/customer/order-to-track';
import { SessionUnavailable } from '@/components/ui/session-unavailable';
import { listAddresses } from '@/lib/addresses/addresses';
import { addressNotice } from '@/lib/addresses/form';
import { addressInCity } from '@/lib/addresses/in-city';
import { formatAddress, MAX_INSTRUCTIONS } from '@/lib/addresses/schema';
import { readCart } from '@/lib/cart/cart';
import { readAddedPrices } from '@/lib/cart/prices';
import { cartOwners } from '@/lib/cart/keys';
import { lookUpCustomer, requireCustomer } from '@/lib/customers/session';
import { formatRupees } from '@/lib/format';
import { GST_PERCENT } from '@/lib/orders/bill';
import { dishesIn } from '@/lib/cart/dishes';
import { checkoutLines } from '@/lib/orders/checkout-lines';
import { listOwnOrders } from '@/lib/orders/queries';
import { orderToTrack } from '@/lib/orders/recent';
import { priceChanges } from '@/lib/orders/price-changes';
import { quoteCart } from '@/lib/orders/quote';
import { checkoutAfterReorder } from '@/lib/orders/reorder';

import { addAddress } from '../account/addresses/actions';
import { changeCheckoutQuantity, submitOrder } from './actions';
import { guestCheckout } from './guest-page';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

interface CheckoutPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The cart, where to deliver and the bill, priced from Postgres (lib/orders/quote.ts) exactly as
 * placing the order will charge it. Signed out: the guest cart and its bill, with "Sign in to place
 * your order" (to /login and back; the guest cart merges on the way), or the empty cart (guest-page.tsx).
 * `?address=` shows the result of an edit or delete made from checkout; `?reordered=<order id>`, after
 * a reorder, names the dishes it left out and says which prices changed since that order.
 */
export default async function CheckoutPage({ searchParams }: CheckoutPageProps) {
  // The header's Cart link lands here: signed out, the guest cart (or the empty cart), sign-in only to order.
  if ((await lookUpCustomer()).status === 'signed-out') return await guestCheckout();
  const customer = await requireCustomer('/checkout');
  if (!customer) return <SessionUnavailable retryHref="/checkout" />;
  // Redis trouble degrades: the page says the cart can't be read, never a 500 (the cart is still there).
  const owner = cartOwners.customer(customer.customerId);
  const [cart, addedPrices, addresses, { address: noticeKey, reordered }] = await Promise.all([
    readCart(owner).catch(() => null),
    readAddedPrices(owner),
    listAddresses(customer.customerId),
    searchParams,
  ]);
  if (cart === null) {
    return (
      <Container width="narrow" className="py-8 sm:py-12">
        <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Checkout</h1>
        <p role="alert" className="mt-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          Your cart can&apos;t be read just now. It is kept: reload in a moment to check out.
        </p>
      </Container>
    );
  }
  const [quote, reorder] = await Promise.all([
    quoteCart(cart),
    typeof reordered === 'string' ? checkoutAfterReorder(customer.customerId, reordered, cart.restaurant) : null,
  ]);

  if (quote.status === 'empty') {
    // Back from the order just placed lands here: point to it rather than only to an empty cart.
    const placed = orderToTrack(await listOwnOrders(customer.customerId, 1).catch(() => []), new Date());
    return (
      <Container width="narrow" className="py-8 sm:py-12">
        <CartCountFromPage items={0} />
        <CheckoutHeader restaurant={null} problem={null} />
        {placed ? <OrderToTrack order={placed} /> : null}
        <EmptyCheckoutCart />
      </Container>
    );
  }

  // A cart that can't be ordered as it is (a dish taken off, too large, the restaurant closed) is shown
  // too: the message says what to do, and these steppers are the one place a taken-off dish can be removed.
  const lines = checkoutLines(quote.lines);
  const restaurant = quote.restaurant;
  // An address in another city is still offered (the city is free text), with a note under it.
  const outside = (city: string) =>
    restaurant && !addressInCity(city, restaurant.cityName) ? `Not in ${restaurant.cityName}, where ${restaurant.name} delivers` : undefined;
  // A new address is most likely in the restaurant's city: the form starts with it.
  const newAddressInitial = restaurant ? { city: restaurant.cityName } : undefined;

  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <CartCountFromPage items={dishesIn(lines)} />
      <CheckoutHeader
        restaurant={restaurant ? { name: restaurant.name, href: `/${restaurant.citySlug}/${restaurant.slug}` } : null}
        notice={<AddressNoticeBanner notice={addressNotice(noticeKey)} />}
        problem={quote.status !== 'ok' ? quote.message : null}
      />
      {/* Checkout prices from Postgres: a dish that costs something else than when it was added (or ordered, after a reorder) says so. */}
      <PriceChangeNote changes={priceChanges(quote.lines, addedPrices, reorder?.orderedPrices)} className="mt-4" />
      <ReorderLeftOutNote dishes={reorder?.leftOut ?? []} className="mt-4" />

      <CheckoutSections
        hasAddress={addresses.length > 0}
        cart={lines.length > 0 ? <CartPanel lines={lines} change={changeCheckoutQuantity} orderable checkoutHref={null} /> : null}
        bill={quote.status === 'ok' ? <BillBreakdown bill={quote.bill} gstPercent={GST_PERCENT} /> : null}
        delivery={
          <CheckoutForm
            addresses={addresses.map((address) => ({ id: address.id, text: formatAddress(address), outside: outside(address.city) }))}
            action={submitOrder}
            // New with every render: one form's submits (a double click) share it and place one order.
            idempotencyKey={randomBytes(16).toString('base64url')}
            manageAddressesHref="/checkout/addresses"
            maxInstructions={MAX_INSTRUCTIONS}
            blocked={quote.status !== 'ok' ? quote.message : null}
            totalText={quote.status === 'ok' ? formatRupees(quote.bill.totalPaise) : ''}
            totalPaise={quote.status === 'ok' ? quote.bill.totalPaise : null}
          />
        }
        newAddress={
          addresses.length > 0 ? (
            // With an address to deliver to, the form is one tap away, as on /account: open, it put a
            // long form between "Place order" and the bill on phones.
            <details className="rounded-2xl border border-line bg-white p-4 shadow-sm">
              <summary className="cursor-pointer text-sm font-bold text-ink">Add another address</summary>
              <div className="mt-3">
                <AddressForm action={addAddress} initial={newAddressInitial} hidden={{ from: 'checkout' }} />
              </div>
            </details>
          ) : (
            <AddressForm action={addAddress} initial={newAddressInitial} hidden={{ from: 'checkout' }} />
          )
        }
      />
    </Container>
  );
}
