'use client';

import { useEffect, useRef } from 'react';

/**
 * "Start a new cart?" in the page's own modal dialog (not the browser's `confirm`): a native
 * <dialog> opened with showModal(), so focus moves into it, Escape cancels and the page behind is inert.
 */
export function ReplaceCartDialog({
  currentRestaurant,
  itemName,
  onReplace,
  onCancel,
}: {
  currentRestaurant: string;
  itemName: string;
  onReplace: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="replace-cart-title"
      aria-describedby="replace-cart-text"
      data-testid="replace-cart-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-line bg-white p-5 text-ink shadow-xl backdrop:bg-ink/50"
    >
      <h2 id="replace-cart-title" className="text-lg font-extrabold">
        Start a new cart?
      </h2>
      <p id="replace-cart-text" className="mt-2 text-sm text-muted">
        Your cart has items from <strong className="font-semibold text-ink">{currentRestaurant}</strong>. Replace them with{' '}
        {itemName} from this restaurant?
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-xl border border-line bg-white px-4 py-2.5 text-sm font-bold text-ink hover:bg-stone-50"
        >
          Keep current cart
        </button>
        <button
          type="button"
          onClick={onReplace}
          className="rounded-xl bg-brand-700 px-4 py-2.5 text-sm font-bold text-white hover:bg-brand-800"
        >
          Start a new cart
        </button>
      </div>
    </dialog>
  );
}
