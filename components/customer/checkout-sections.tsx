import type { ReactNode } from 'react';

import { CheckoutBill } from './checkout-parts';

/**
 * Checkout's sections in the order of the task. With a saved address: the cart, the bill, then where
 * to deliver and "Place order" (another address one tap away below). With none, the address form
 * comes right after the cart, before the bill and "Place order", which can't be used until it is
 * filled in (review finding: it sat below the disabled button). On phones the column's `contents`
 * lets each section take its place in the grid; from lg up the bill is beside the column.
 */
export function CheckoutSections({
  cart,
  bill,
  delivery,
  newAddress,
  hasAddress,
}: {
  cart: ReactNode;
  /** Null when the cart can't be ordered as it is (its problem is said above). */
  bill: ReactNode;
  delivery: ReactNode;
  newAddress: ReactNode;
  hasAddress: boolean;
}) {
  const card = 'rounded-2xl border border-line bg-white p-4 shadow-sm';
  const addressSection = hasAddress ? (
    <div className="order-4">{newAddress}</div>
  ) : (
    <section aria-labelledby="new-address-heading" data-testid="checkout-new-address" className={`order-2 ${card}`}>
      <h2 id="new-address-heading" className="mb-3 text-base font-extrabold text-ink">
        Add a delivery address
      </h2>
      {newAddress}
    </section>
  );
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="contents lg:block lg:space-y-6">
        {cart ? <div className="order-1">{cart}</div> : null}
        {hasAddress ? null : addressSection}
        <section aria-labelledby="delivery-heading" data-testid="checkout-delivery" className={`${hasAddress ? 'order-3' : 'order-4'} ${card}`}>
          <h2 id="delivery-heading" className="sr-only">
            Delivery and payment
          </h2>
          {delivery}
        </section>
        {hasAddress ? addressSection : null}
      </div>
      {bill ? <CheckoutBill bill={bill} order={hasAddress ? 'order-2' : 'order-3'} /> : null}
    </div>
  );
}
