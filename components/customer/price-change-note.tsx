import { Price } from '@/components/ui/price';
import type { PriceChange } from '@/lib/orders/price-changes';

/**
 * Checkout's note when a dish costs something else now than when it was added to the cart, or, after
 * a reorder, than the order paid (checkout prices from Postgres; the bill below already has the new
 * price): which dish, what it was, what it is now. Nothing when no price changed. A cart with both
 * (a reorder, then a dish from the menu) says each under its own heading.
 */
export function PriceChangeNote({ changes, className = '' }: { changes: readonly PriceChange[]; className?: string }) {
  if (changes.length === 0) return null;
  const ordered = changes.filter((change) => change.sinceOrder);
  const added = changes.filter((change) => !change.sinceOrder);
  return (
    <div role="status" data-testid="price-changes" className={`rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 ${className}`}>
      <ChangeList changes={ordered} since="since your order" />
      <ChangeList changes={added} since={`since you added ${added.length === 1 ? 'it' : 'them'}`} className={ordered.length > 0 ? 'mt-2' : ''} />
      <p className="mt-1">The bill below has the new {changes.length === 1 ? 'price' : 'prices'}: that is what you pay.</p>
    </div>
  );
}

function ChangeList({ changes, since, className = '' }: { changes: readonly PriceChange[]; since: string; className?: string }) {
  if (changes.length === 0) return null;
  return (
    <>
      <p className={`font-semibold ${className}`}>
        {changes.length === 1 ? 'A price has changed' : 'Some prices have changed'} {since}:
      </p>
      <ul className="mt-1 space-y-0.5">
        {changes.map((change) => (
          <li key={change.menuItemId} data-testid="price-change">
            {change.name}: <Price paise={change.wasPaise} className="line-through" /> now <Price paise={change.nowPaise} className="font-semibold" />
            {change.nowPaise < change.wasPaise ? ' (cheaper)' : null}
          </li>
        ))}
      </ul>
    </>
  );
}
