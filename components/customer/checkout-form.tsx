'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef, useState } from 'react';

export interface PlaceOrderState {
  error?: string;
  /**
   * What the refused press sent, so the form shows it again: React resets a form after its action,
   * which wiped the instructions and moved the choice back to the preselected address.
   */
  addressId?: number;
  instructions?: string;
}

export interface AddressOption {
  id: number;
  text: string;
  /** Set when the address is outside the restaurant's city: what to tell the customer under it. */
  outside?: string;
}

/**
 * Where to deliver, instructions, payment (cash on delivery) and "Place order". The hidden key was
 * made when the page rendered, so a double submit places one order (lib/orders/checkout.ts).
 */
export function CheckoutForm({
  addresses,
  action,
  idempotencyKey,
  manageAddressesHref,
  maxInstructions,
  blocked,
  totalText,
  totalPaise,
}: {
  addresses: AddressOption[];
  action: (previous: PlaceOrderState, form: FormData) => Promise<PlaceOrderState>;
  idempotencyKey: string;
  /** Where saved addresses are edited or deleted (shown under the list). */
  manageAddressesHref: string;
  maxInstructions: number;
  /**
   * Why the cart can't be ordered as it is (a dish taken off, the restaurant closed), or null. Said
   * beside the disabled button too: on a phone the page's alert saying it is a screen or two above,
   * and a customer who scrolled down to the button saw it greyed out without a word.
   */
  blocked: string | null;
  totalText: string;
  /** The total shown on the button: sent, so a bill that changed since is refused rather than charged. */
  totalPaise: number | null;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // A refused press: focus goes to the message. The button is disabled while pending, which left
  // focus on <body>, so a keyboard user's next Tab started from the top of the page.
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.error) errorRef.current?.focus();
  }, [state]);
  // A saved address: the list gains it in the same answer that re-renders the page, and the address
  // form is gone (the first address) or was reset, so focus had dropped to <body> and nothing was said.
  // Focus goes to the new address's choice, and the status line below says it was saved (decision 075).
  const ids = addresses.map((address) => address.id).join(',');
  const [seen, setSeen] = useState<{ ids: string; added: AddressOption | null }>({ ids, added: null });
  if (seen.ids !== ids) {
    const before = new Set(seen.ids.split(','));
    setSeen({ ids, added: addresses.findLast((address) => !before.has(String(address.id))) ?? null });
  }
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (seen.added) formRef.current?.querySelector<HTMLInputElement>(`input[name="addressId"][value="${seen.added.id}"]`)?.focus();
  }, [seen.added]);
  // The newest address in the restaurant's city is the likely one; the newest of all when none is.
  const inCity = addresses.filter((address) => !address.outside);
  const preselected = (inCity.at(-1) ?? addresses.at(-1))?.id;
  // After a refused press, the address it chose (unless deleted since), else the likely one.
  const chosen = addresses.some((address) => address.id === state.addressId) ? state.addressId : preselected;
  const why = [blocked, addresses.length === 0 ? 'Add a delivery address above to place your order.' : null].filter((reason) => reason !== null);
  return (
    <form ref={formRef} action={formAction} data-testid="checkout-form" className="space-y-5">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {totalPaise === null ? null : <input type="hidden" name="expectedTotalPaise" value={totalPaise} />}
      <fieldset>
        <legend className="text-base font-extrabold text-ink">Deliver to</legend>
        {/* Always rendered, so a screen reader hears the line when it fills in. */}
        <p role="status" data-testid="address-saved" className="text-sm text-emerald-800 empty:hidden">
          {seen.added ? `Address saved: ${seen.added.text}` : ''}
        </p>
        {addresses.length === 0 ? (
          <p className="mt-2 text-sm text-muted">No saved address yet.</p>
        ) : (
          <div className="mt-2 space-y-2">
            {addresses.map((address) => (
              <label
                key={address.id}
                className="flex cursor-pointer items-start gap-3 rounded-xl border border-line bg-white p-3 text-sm text-ink has-[:checked]:border-brand-700"
              >
                <input
                  type="radio"
                  name="addressId"
                  value={address.id}
                  defaultChecked={address.id === chosen}
                  aria-describedby={address.outside ? `address-outside-${address.id}` : undefined}
                  className="mt-0.5"
                />
                <span>
                  {address.text}
                  {address.outside ? (
                    <span id={`address-outside-${address.id}`} data-testid="address-outside" className="mt-1 block text-xs font-semibold text-red-800">
                      {address.outside}
                    </span>
                  ) : null}
                </span>
              </label>
            ))}
            <p className="text-sm">
              <Link prefetch={false} href={manageAddressesHref} className="font-semibold text-ink underline">
                Edit or delete saved addresses
              </Link>
            </p>
          </div>
        )}
      </fieldset>
      <div>
        <label htmlFor="instructions" className="block text-base font-extrabold text-ink">
          Delivery instructions <span className="text-sm font-normal text-muted">(optional)</span>
        </label>
        <textarea
          id="instructions"
          name="instructions"
          rows={2}
          maxLength={maxInstructions}
          defaultValue={state.instructions ?? ''}
          placeholder="E.g. ring the bell twice, leave at the gate"
          className="mt-2 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-sm text-ink"
        />
        <p className="text-xs text-muted">Up to {maxInstructions} characters.</p>
      </div>
      <fieldset>
        <legend className="text-base font-extrabold text-ink">Payment</legend>
        <label className="mt-2 flex items-center gap-3 rounded-xl border border-brand-700 bg-white p-3 text-sm text-ink">
          <input type="radio" name="payment" value="cod" defaultChecked readOnly />
          Cash on delivery
        </label>
      </fieldset>
      <button
        type="submit"
        disabled={blocked !== null || pending || addresses.length === 0}
        aria-describedby={why.length > 0 ? 'place-order-why' : undefined}
        className="w-full rounded-xl bg-brand-700 px-4 py-3 text-base font-bold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? 'Placing your order…' : totalText ? `Place order · ${totalText}` : 'Place order'}
      </button>
      {why.length > 0 ? (
        // Why the button can't be used yet, beside it (the address form is above, after the cart).
        <p id="place-order-why" data-testid="place-order-why" className="text-sm text-muted">
          {why.join(' ')}
        </p>
      ) : null}
      {state.error ? (
        <p ref={errorRef} role="alert" tabIndex={-1} data-testid="checkout-error" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
