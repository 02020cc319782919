import { Price } from '@/components/ui/price';
import type { PriceChange } from '@/lib/orders/price-changes';

/**
 * Checkout's note when a dish costs something else now than when it was added to the cart, or, after
 * a reorder, than the order paid (checkout prices from Postgres; the bill below already has the new
 * price): which dish, what it was, what it is now. Nothing when no price changed.
 */
export function PriceChangeNote({ changes, since = 'added', className = '' }: { changes: readonly PriceChange[]; since?: 'added' | 'ordered'; className?: string }) {
  if (changes.length === 0) return null;
  const one = changes.length === 1;
  return (
    <div role="status" data-testid="price-changes" className={`rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 ${className}`}>
      <p className="font-semibold">
        {one ? 'A price has changed' : 'Some prices have changed'} {since === 'ordered' ? 'since your order' : `since you added ${one ? 'it' : 'them'}`}:
      </p>
      <ul className="mt-1 space-y-0.5">
        {changes.map((change) => (
          <li key={change.menuItemId} data-testid="price-change">
            {change.name}: <Price paise={change.wasPaise} className="line-through" /> now <Price paise={change.nowPaise} className="font-semibold" />
            {change.nowPaise < change.wasPaise ? ' (cheaper)' : null}
          </li>
        ))}
      </ul>
      <p className="mt-1">The bill below has the new {changes.length === 1 ? 'price' : 'prices'}: that is what you pay.</p>
    </div>
  );
}
