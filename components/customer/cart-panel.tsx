'use client';

import Link from 'next/link';
import { useEffect, useId, useOptimistic, useRef, useState, useTransition } from 'react';

import { LinkPendingChevron } from '@/components/ui/link-pending-chevron';
import { Price } from '@/components/ui/price';
import { offerNudge } from '@/lib/offers/label';
import { computeBill, GST_PERCENT, type BillInput } from '@/lib/orders/bill';

import { BillBreakdown } from './bill-breakdown';
import { QuantityStepper } from './quantity-stepper';

/** What the bill adds to the item total: the restaurant's fees and offer (the menu page has them). */
export type CartPricing = Omit<BillInput, 'itemTotalPaise'>;

export interface CartLine {
  itemId: number;
  name: string;
  pricePaise: number;
  quantity: number;
  /**
   * Taken off the menu since it was added (checkout only): it can only be removed. Its + added more
   * of a dish checkout then refused, and − had to be pressed once per portion to clear it.
   */
  unavailable?: boolean;
}

/** The cart with its lines' − / +, the item total and Check out: the menu page's side cart on desktop and sheet on phones, and checkout's. */
export function CartPanel({
  lines,
  change,
  orderable,
  checkoutHref = '/checkout',
  elsewhere = null,
  loading = false,
  retry = null,
  pricing = null,
  onEmptied,
}: {
  lines: CartLine[];
  /** False when the change did not take (the lines shown are then the server's). */
  change: (itemId: number, quantity: number) => Promise<boolean>;
  orderable: boolean;
  /** Null on the checkout page itself. */
  checkoutHref?: string | null;
  /** The restaurant the cart holds when it is not this one. */
  elsewhere?: { name: string; href: string } | null;
  /** A shared menu page still asking for this visitor's cart. */
  loading?: boolean;
  /** The cart could not be read: offers to try again. */
  retry?: (() => void) | null;
  /**
   * The menu page's cart shows the whole bill, computed as checkout computes it (lib/orders/bill.ts);
   * checkout's own cart (null) shows the item total, its bill beside it.
   */
  pricing?: CartPricing | null;
  /** The last line was taken out here while focus was in the cart (the phone's sheet closes then). */
  onEmptied?: (itemId: number) => void;
}) {
  // The menu page can hold two (the side cart, and the phone's sheet while open): ids of their own.
  const headingId = useId();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(lines);
  const [failed, setFailed] = useState(false);
  // The last line's − leaves the page with its line, and focus with it (to <body>): it goes to the
  // cart's heading, which now says the cart is empty (the sheet's owner moves it on: onEmptied).
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || shown.length > 0) return;
    refocus.current = false;
    heading.current?.focus();
  }, [shown.length]);
  const step = (itemId: number, quantity: number) => {
    if (quantity <= 0 && shown.length === 1 && section.current?.contains(document.activeElement)) {
      refocus.current = true;
      onEmptied?.(itemId);
    }
    setFailed(false);
    startTransition(async () => {
      setShown((current) =>
        current.flatMap((line) => (line.itemId !== itemId ? [line] : quantity > 0 ? [{ ...line, quantity }] : [])),
      );
      // A throw (offline; a refusal that is not the action's own answer) would swap the page for its error boundary.
      if (!(await change(itemId, quantity).catch(() => false))) setFailed(true);
    });
  };
  const total = shown.reduce((sum, line) => sum + line.pricePaise * line.quantity, 0);
  // Only where dishes can still be added (the menu's cart): checkout's own cart has no pricing.
  const nudge = pricing ? offerNudge(pricing.offer, total) : null;

  return (
    <section ref={section} aria-labelledby={headingId} aria-busy={loading} data-testid="cart" className="rounded-2xl border border-line bg-white p-4 shadow-sm">
      <h2 ref={heading} id={headingId} tabIndex={-1} className="text-base font-extrabold text-ink outline-none">
        Your cart
      </h2>
      {shown.length === 0 ? (
        loading ? (
          <p className="mt-2 text-sm text-muted">Loading your cart…</p>
        ) : retry ? (
          <p role="status" className="mt-2 text-sm text-muted">
            Your cart couldn&apos;t be loaded just now.{' '}
            <button type="button" onClick={retry} className="font-semibold text-ink underline">
              Try again
            </button>
          </p>
        ) : elsewhere ? (
          <p className="mt-2 text-sm text-muted">
            Your cart has dishes from{' '}
            <Link prefetch={false} href={elsewhere.href} className="font-semibold text-ink underline">
              {elsewhere.name}
            </Link>
            . Adding a dish here starts a new cart (you will be asked first).
          </p>
        ) : (
          <>
            {/* Without JavaScript there is no ADD to tap (the menu page says why). */}
            <p className="mt-2 text-sm text-muted noscript:hidden">Empty. Tap ADD on a dish to start your order.</p>
            <p className="mt-2 hidden text-sm text-muted noscript:block">Empty.</p>
          </>
        )
      ) : (
        <>
          <ul className="mt-2 divide-y divide-line">
            {shown.map((line) => (
              <li key={line.itemId} data-testid="cart-line" className="py-2">
                <p className="text-sm text-ink">{line.name}</p>
                <div className="mt-1 flex items-center justify-between gap-3">
                  <span className="w-28">
                    {line.unavailable ? (
                      <button
                        type="button"
                        data-testid="cart-line-remove"
                        aria-disabled={pending || undefined}
                        onClick={() => {
                          if (!pending) step(line.itemId, 0);
                        }}
                        className="h-8 w-full rounded-lg border border-line bg-white text-sm font-bold text-nonveg shadow-sm hover:bg-stone-50 aria-disabled:cursor-wait aria-disabled:opacity-60"
                      >
                        Remove<span className="sr-only"> {line.name}</span>
                      </button>
                    ) : (
                      <QuantityStepper
                        size="sm"
                        quantity={line.quantity}
                        itemName={line.name}
                        disabled={pending}
                        onChange={(quantity) => step(line.itemId, quantity)}
                      />
                    )}
                  </span>
                  <Price paise={line.pricePaise * line.quantity} className="text-sm font-semibold text-ink" />
                </div>
              </li>
            ))}
          </ul>
          {failed ? (
            <p role="status" data-testid="cart-change-failed" className="mt-1 text-xs text-nonveg">
              Could not change your cart: try again
            </p>
          ) : null}
          {pricing ? (
            <div className="mt-3 border-t border-line pt-2">
              {nudge ? (
                <p data-testid="offer-nudge" className="mb-2 rounded-lg bg-brand-50 px-3 py-2 text-sm font-semibold text-brand-800">
                  {nudge}
                </p>
              ) : null}
              <BillBreakdown bill={computeBill({ itemTotalPaise: total, ...pricing })} gstPercent={GST_PERCENT} />
            </div>
          ) : (
            <p className="mt-3 flex justify-between border-t border-line pt-3 text-sm font-extrabold text-ink">
              <span>Item total</span>
              <span data-testid="cart-item-total">
                <Price paise={total} />
              </span>
            </p>
          )}
          {checkoutHref === null || pricing ? null : <p className="mt-1 text-xs text-muted">Delivery, packaging, GST and offers are added at checkout.</p>}
          {checkoutHref === null ? null : orderable ? (
            <Link prefetch={false}
              href={checkoutHref}
              className="mt-3 flex w-full items-center justify-center gap-1.5 rounded-xl bg-brand-700 px-4 py-2.5 text-center text-sm font-bold text-white shadow-sm hover:bg-brand-800"
            >
              Check out
              <LinkPendingChevron />
            </Link>
          ) : (
            <p className="mt-2 text-sm text-muted">This restaurant is closed: checkout opens when it does.</p>
          )}
        </>
      )}
    </section>
  );
}
