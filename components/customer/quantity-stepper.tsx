'use client';

import type { Ref } from 'react';

import { MAX_QUANTITY } from '@/lib/orders/limits';

/**
 * − quantity +, the shape ADD turns into once an item is in the cart (and each cart line).
 * `disabled` (a change in flight) is aria-disabled and a click that does nothing, not the `disabled`
 * attribute: disabling the focused button moved focus to <body>, so a keyboard user's second Enter
 * on + went nowhere and the next Tab started from the top of the page.
 * At MAX_QUANTITY (what the cart keeps of one dish) + is aria-disabled and says so: a press showed
 * one more for a moment, then the cart's answer took it back without a word.
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
  const atMost = quantity >= MAX_QUANTITY;
  const base = `${size === 'md' ? 'h-9 w-9' : 'size-8'} shrink-0 text-lg font-extrabold text-rating hover:bg-stone-50 aria-disabled:opacity-60`;
  const button = `${base} aria-disabled:cursor-wait`;
  const press = (next: number) => () => {
    if (!disabled && next <= MAX_QUANTITY) onChange(next);
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
      <button
        ref={plusRef}
        type="button"
        aria-disabled={disabled || atMost || undefined}
        title={atMost ? `At most ${MAX_QUANTITY} of a dish per order` : undefined}
        className={atMost && !disabled ? `${base} aria-disabled:cursor-not-allowed` : button}
        onClick={press(quantity + 1)}
      >
        <span aria-hidden="true">+</span>
        <span className="sr-only">{atMost ? `${itemName}: at most ${MAX_QUANTITY} per order` : `Add one more ${itemName}`}</span>
      </button>
    </span>
  );
}
