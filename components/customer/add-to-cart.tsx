'use client';

import Link from 'next/link';
import { useEffect, useOptimistic, useRef, useState, useTransition } from 'react';

import type { MenuCart } from '@/lib/menus/types';

import { QuantityStepper } from './quantity-stepper';
import { ReplaceCartDialog } from './replace-cart-dialog';

export type AddOutcome =
  /** `cart`: the cart as it now is, or null when it could not be read back. */
  | { status: 'added'; quantity: number; cart: MenuCart | null }
  | { status: 'unavailable' }
  | { status: 'full' }
  | { status: 'conflict'; currentRestaurant: string }
  /** This network has started its share of guest carts: signing in adds to the customer's own cart. */
  | { status: 'rate-limited' }
  /** This connection sent too many requests (the proxy's budget): try again in `seconds`. */
  | { status: 'slow-down'; seconds: number }
  /** No session and no guest id: the menu page gets one (POST /api/cart/guest) and adds again. */
  | { status: 'needs-guest' }
  | { status: 'error' };

/**
 * The menu's ADD button, which becomes a − / + stepper once the item is in the cart. Adds through a
 * server action (signed out too: a guest cart), and asks in the page's own dialog before replacing
 * another restaurant's cart.
 */
export function AddToCartButton({
  add,
  change,
  quantity,
  itemName,
  loginNext,
}: {
  add: (replace: boolean) => Promise<AddOutcome>;
  /** False when the change did not take (the cart shown is then the server's). */
  change: (quantity: number) => Promise<boolean>;
  quantity: number;
  itemName: string;
  loginNext: string;
}) {
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(quantity);
  const [message, setMessage] = useState<{ text: string; signIn?: boolean } | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  // ADD becomes the stepper and the stepper at 0 becomes ADD: the pressed button leaves the page, and
  // focus with it (to <body>). Focus follows to the control that took its place.
  const addButton = useRef<HTMLButtonElement>(null);
  const plusButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    const target = shown > 0 ? plusButton.current : addButton.current;
    if (!target) return;
    refocus.current = false;
    target.focus();
  }, [shown]);
  // The dialog gives focus back to what had it when it opened, but that was the stepper ADD had
  // become for a moment (shown optimistically), gone by then: "Keep current cart" or Escape left focus
  // on <body>. Back to ADD, which opened it.
  const backFromDialog = useRef(false);
  useEffect(() => {
    if (conflict !== null || !backFromDialog.current) return;
    backFromDialog.current = false;
    addButton.current?.focus();
  }, [conflict]);
  const keepFocus = () => {
    const active = document.activeElement;
    // Only when the keyboard (or a click) had focus on this control: never pull focus from elsewhere.
    refocus.current = active !== null && (active === addButton.current || plusButton.current?.parentElement?.contains(active) === true);
  };

  function run(replace: boolean) {
    setMessage(null);
    setConflict(null);
    startTransition(async () => {
      setShown((current) => current + 1);
      const outcome = await add(replace);
      if (outcome.status === 'conflict') setConflict(outcome.currentRestaurant);
      else if (outcome.status === 'unavailable') setMessage({ text: 'Not available right now' });
      else if (outcome.status === 'full') setMessage({ text: 'Your cart is full: check out first' });
      else if (outcome.status === 'rate-limited') setMessage({ text: 'Sign in to add to your cart', signIn: true });
      else if (outcome.status === 'slow-down') setMessage({ text: `Too many requests: try again in ${outcome.seconds} s` });
      else if (outcome.status === 'error' || outcome.status === 'needs-guest') setMessage({ text: 'Could not add: try again' });
    });
  }

  function step(next: number) {
    // Only the last one out swaps the stepper for ADD; otherwise focus stays on the − or + pressed.
    if (next <= 0) keepFocus();
    setMessage(null);
    startTransition(async () => {
      setShown(Math.max(0, next));
      // The stepper springs back to the cart as it is; without a word, a + in a Redis hiccup or offline looked ignored.
      if (!(await change(Math.max(0, next)))) setMessage({ text: 'Could not change: try again' });
    });
  }

  return (
    <>
      {shown > 0 ? (
        <QuantityStepper quantity={shown} itemName={itemName} disabled={pending} onChange={step} plusRef={plusButton} />
      ) : (
        <button
          ref={addButton}
          type="button"
          onClick={() => {
            if (pending) return;
            keepFocus();
            run(false);
          }}
          // Not `disabled`: focus comes back here when − takes the last one out while that is in flight.
          aria-disabled={pending || undefined}
          className="w-full rounded-lg border border-line bg-white py-2 text-sm font-extrabold tracking-wide text-rating shadow-sm hover:bg-stone-50 aria-disabled:cursor-wait aria-disabled:opacity-60"
        >
          ADD<span className="sr-only"> {itemName}</span>
        </button>
      )}
      {message ? (
        <p role="status" className="mt-1 text-center text-xs text-nonveg">
          {message.signIn ? (
            <Link prefetch={false} href={`/login?next=${encodeURIComponent(loginNext)}`} className="font-semibold underline">
              {message.text}
            </Link>
          ) : (
            message.text
          )}
        </p>
      ) : null}
      {conflict ? (
        <ReplaceCartDialog
          currentRestaurant={conflict}
          itemName={itemName}
          onCancel={() => {
            backFromDialog.current = true;
            setConflict(null);
          }}
          onReplace={() => {
            // The new cart's first dish: focus goes to its + once ADD has become the stepper.
            refocus.current = true;
            run(true);
          }}
        />
      ) : null}
    </>
  );
}
