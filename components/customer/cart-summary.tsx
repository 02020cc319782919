'use client';

import { useActionState, useTransition } from 'react';
import { useFormStatus } from 'react-dom';

import { Price } from '@/components/ui/price';

export interface CheckoutState {
  error?: string;
}

function CheckoutButton({ disabled }: { disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={disabled || pending}
      className="mt-3 w-full rounded-xl bg-brand-600 px-4 py-2.5 text-sm font-bold text-white hover:bg-brand-700 shadow-sm disabled:opacity-60"
    >
      {pending ? 'Placing your order…' : 'Check out'}
    </button>
  );
}

export interface CartLine {
  itemId: number;
  name: string;
  pricePaise: number;
  quantity: number;
}

/** The cart beside the menu: lines with − / + and the total (prices as the menu shows them now). */
export function CartSummary({
  lines,
  totalPaise,
  change,
  checkout,
  idempotencyKey,
  orderable,
}: {
  lines: CartLine[];
  totalPaise: number;
  change: (itemId: number, quantity: number) => Promise<void>;
  checkout: (previous: CheckoutState, form: FormData) => Promise<CheckoutState>;
  idempotencyKey: string;
  orderable: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [checkoutState, checkoutAction] = useActionState(checkout, {});
  const step = (itemId: number, quantity: number) => startTransition(() => change(itemId, quantity));
  const BUTTON = 'size-8 rounded-lg border border-line bg-white text-base font-bold text-rating disabled:opacity-60';

  return (
    <section aria-labelledby="cart-heading" data-testid="cart" className="mt-6 rounded-2xl border border-line bg-white p-4 shadow-sm">
      <h2 id="cart-heading" className="text-base font-extrabold text-ink">
        Your cart
      </h2>
      <ul className="mt-2 divide-y divide-line">
        {lines.map((line) => (
          <li key={line.itemId} data-testid="cart-line" className="flex items-center justify-between gap-3 py-2">
            <span className="min-w-0 flex-1 truncate text-sm text-ink">{line.name}</span>
            <span className="flex items-center gap-2">
              <button type="button" disabled={pending} className={BUTTON} onClick={() => step(line.itemId, line.quantity - 1)}>
                −<span className="sr-only"> one {line.name}</span>
              </button>
              <span data-testid="cart-quantity" className="w-6 text-center text-sm font-semibold">
                {line.quantity}
              </span>
              <button type="button" disabled={pending} className={BUTTON} onClick={() => step(line.itemId, line.quantity + 1)}>
                +<span className="sr-only"> one more {line.name}</span>
              </button>
            </span>
            <Price paise={line.pricePaise * line.quantity} className="w-20 text-right text-sm font-semibold" />
          </li>
        ))}
      </ul>
      <p className="mt-3 flex justify-between border-t border-line pt-3 text-sm font-extrabold text-ink">
        <span>Total</span>
        <Price paise={totalPaise} />
      </p>
      <form action={checkoutAction}>
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <CheckoutButton disabled={pending || !orderable} />
        {checkoutState.error ? (
          <p role="alert" data-testid="checkout-error" className="mt-2 text-sm text-red-700">
            {checkoutState.error}
          </p>
        ) : null}
        {orderable ? null : <p className="mt-2 text-sm text-muted">This restaurant is closed: checkout opens when it does.</p>}
      </form>
    </section>
  );
}
