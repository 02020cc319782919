import type { OfferTerms } from '@/lib/menus/types';
import { offerHeadline, offerLabel } from '@/lib/offers/label';

/** The restaurant's offer: the headline on a city card ("20% OFF up to ₹100"), with its condition on the menu. */
export function OfferTag({ offer, detailed = false, className = '' }: { offer: OfferTerms; detailed?: boolean; className?: string }) {
  return (
    <p data-testid="offer-tag" className={`inline-flex items-center gap-1.5 text-sm font-bold text-brand-800 ${className}`}>
      <svg viewBox="0 0 20 20" className="size-4 shrink-0" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M10.6 2.2a1.5 1.5 0 0 0-1.2 0L3 5v5.4c0 3.6 2.9 6.8 7 7.6 4.1-.8 7-4 7-7.6V5l-6.4-2.8zM7.5 7a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4zm5 4a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4zM12.9 6.6l1 .8-6.8 6.2-1-.8z"
        />
      </svg>
      {detailed ? offerLabel(offer) : offerHeadline(offer)}
    </p>
  );
}
