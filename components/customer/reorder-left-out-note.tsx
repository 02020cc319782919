import type { LeftOutDish } from '@/lib/orders/reorder';

/**
 * Checkout after a reorder that could not put every dish back (taken off the menu, or not available
 * now): which ones, so the customer isn't left to work out why the cart is smaller than the order
 * they repeated. Nothing when every dish was put back.
 */
export function ReorderLeftOutNote({ dishes, className = '' }: { dishes: readonly LeftOutDish[]; className?: string }) {
  if (dishes.length === 0) return null;
  return (
    <div role="status" data-testid="reorder-left-out" className={`rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 ${className}`}>
      <p className="font-semibold">
        {dishes.length === 1 ? 'One dish from your order is' : `${dishes.length} dishes from your order are`} not available now, so{' '}
        {dishes.length === 1 ? 'it is' : 'they are'} not in your cart:
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {dishes.map((dish, index) => (
          <li key={`${index}-${dish.name}`} data-testid="reorder-left-out-dish">
            {dish.quantity} × {dish.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
