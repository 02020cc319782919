import { plural } from '@/lib/format';

/** "Reorder": a plain form, so it works before the JavaScript loads. */
export function ReorderButton({ action, restaurantName, className = '' }: { action: () => Promise<void>; restaurantName: string; className?: string }) {
  return (
    <form action={action} className={className}>
      <button
        type="submit"
        data-testid="reorder"
        className="rounded-xl border border-brand-700 bg-white px-4 py-2 text-sm font-bold text-brand-800 hover:bg-brand-50"
      >
        Reorder<span className="sr-only"> from {restaurantName}</span>
      </button>
    </form>
  );
}

/**
 * Said before "Reorder" when the cart holds something: reorder replaces the cart, and the menu's ADD
 * asks before it replaces one, but this button didn't say (review finding: a 4-dish cart from
 * another restaurant was gone after one tap on the account page).
 */
export function ReorderCartNote({ itemsInCart, className = '' }: { itemsInCart: number; className?: string }) {
  if (itemsInCart <= 0) return null;
  return (
    <p data-testid="reorder-note" className={`text-xs text-muted ${className}`}>
      Reorder replaces the {plural(itemsInCart, 'item')} now in your cart.
    </p>
  );
}
