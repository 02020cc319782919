'use client';

import type { Ref } from 'react';

/**
 * − quantity +, the shape ADD turns into once an item is in the cart (and each cart line).
 * `disabled` (a change in flight) is aria-disabled and a click that does nothing, not the `disabled`
 * attribute: disabling the focused button moved focus to <body>, so a keyboard user's second Enter
 * on + went nowhere and the next Tab started from the top of the page.
 */
export function QuantityStepper({
  quantity,
  itemName,
  disabled,
  onChange,
  size = 'md',
  plusRef,
}: {
  quantity: number;
  itemName: string;
  disabled: boolean;
  onChange: (quantity: number) => void;
  size?: 'sm' | 'md';
  /** The + button, for a caller that moves focus to it (ADD, once it has become this stepper). */
  plusRef?: Ref<HTMLButtonElement>;
}) {
  const button = `${size === 'md' ? 'h-9 w-9' : 'size-8'} shrink-0 text-lg font-extrabold text-rating hover:bg-stone-50 aria-disabled:cursor-wait aria-disabled:opacity-60`;
  const press = (next: number) => () => {
    if (!disabled) onChange(next);
  };
  return (
    <span
      data-testid="quantity-stepper"
      className="inline-flex w-full items-center justify-between overflow-hidden rounded-lg border border-line bg-white shadow-sm"
    >
      <button type="button" aria-disabled={disabled || undefined} className={button} onClick={press(quantity - 1)}>
        <span aria-hidden="true">−</span>
        <span className="sr-only">Remove one {itemName}</span>
      </button>
      <span data-testid="stepper-quantity" aria-live="polite" className="min-w-6 text-center text-sm font-extrabold text-ink tabular-nums">
        {quantity}
        <span className="sr-only"> {itemName} in your cart</span>
      </span>
      <button ref={plusRef} type="button" aria-disabled={disabled || undefined} className={button} onClick={press(quantity + 1)}>
        <span aria-hidden="true">+</span>
        <span className="sr-only">Add one more {itemName}</span>
      </button>
    </span>
  );
}
