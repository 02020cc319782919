'use client';

import { useEffect, useRef, type PropsWithChildren } from 'react';

/**
 * The phone's cart over the menu, from the bottom: a native <dialog> opened with showModal(), so
 * focus moves into it, Escape or a tap outside closes it and the menu behind is inert. Its content is
 * rendered only while open, so the page holds one cart at a time.
 */
export function CartSheet({ open, onClose, children }: PropsWithChildren<{ open: boolean; onClose: () => void }>) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label="Your cart"
      data-testid="cart-sheet"
      onClose={onClose}
      // A tap on the backdrop lands on the dialog itself; taps inside land on its content.
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      // Not hidden from lg up like the bar: a modal dialog keeps the page inert even while hidden, so a
      // tablet turned to landscape with the cart open had a page that took no tap and showed no dialog.
      className="mx-auto mb-0 mt-auto max-h-[85dvh] w-full max-w-xl overflow-y-auto rounded-t-2xl bg-transparent p-0 backdrop:bg-ink/50"
    >
      {open ? (
        <div className="relative pb-[env(safe-area-inset-bottom)]">
          <button
            type="button"
            onClick={onClose}
            className="absolute right-3 top-3 rounded-lg px-2 py-1 text-sm font-semibold text-muted hover:text-ink"
          >
            Close
          </button>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
