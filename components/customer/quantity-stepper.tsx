'use client';

/** − quantity +, the shape ADD turns into once an item is in the cart (and each cart line). */
export function QuantityStepper({
  quantity,
  itemName,
  disabled,
  onChange,
  size = 'md',
}: {
  quantity: number;
  itemName: string;
  disabled: boolean;
  onChange: (quantity: number) => void;
  size?: 'sm' | 'md';
}) {
  const button = `${size === 'md' ? 'h-9 w-9' : 'size-8'} shrink-0 text-lg font-extrabold text-rating hover:bg-stone-50 disabled:opacity-60`;
  return (
    <span
      data-testid="quantity-stepper"
      className="inline-flex w-full items-center justify-between overflow-hidden rounded-lg border border-line bg-white shadow-sm"
    >
      <button type="button" disabled={disabled} className={button} onClick={() => onChange(quantity - 1)}>
        <span aria-hidden="true">−</span>
        <span className="sr-only">Remove one {itemName}</span>
      </button>
      <span data-testid="stepper-quantity" aria-live="polite" className="min-w-6 text-center text-sm font-extrabold text-ink tabular-nums">
        {quantity}
        <span className="sr-only"> {itemName} in your cart</span>
      </span>
      <button type="button" disabled={disabled} className={button} onClick={() => onChange(quantity + 1)}>
        <span aria-hidden="true">+</span>
        <span className="sr-only">Add one more {itemName}</span>
      </button>
    </span>
  );
}
