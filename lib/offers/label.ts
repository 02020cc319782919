import { formatRupees } from '@/lib/format';
import type { OfferTerms } from '@/lib/menus/types';

/** The offer as the city card and the menu show it: "20% OFF up to ₹100", "₹75 OFF". */
export function offerHeadline(offer: OfferTerms): string {
  return offer.kind === 'percent'
    ? `${offer.percent}% OFF up to ${formatRupees(offer.maxDiscountPaise)}`
    : `${formatRupees(offer.flatPaise)} OFF`;
}

/** The headline with its condition: "20% OFF up to ₹100 on orders of ₹199 or more". */
export function offerLabel(offer: OfferTerms): string {
  const headline = offerHeadline(offer);
  return offer.minOrderPaise > 0 ? `${headline} on orders of ${formatRupees(offer.minOrderPaise)} or more` : headline;
}
