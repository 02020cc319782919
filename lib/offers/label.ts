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

/**
 * What the cart says while its item total is under the offer's minimum: "Add ₹23 more to get 20% OFF
 * up to ₹100". Null with no offer, an empty cart (nothing to nudge yet), or once the offer applies.
 * The menu said "on orders of ₹499 or more" and the cart then showed no discount and no word on why.
 */
export function offerNudge(offer: OfferTerms | null, itemTotalPaise: number): string | null {
  if (!offer || itemTotalPaise <= 0 || itemTotalPaise >= offer.minOrderPaise) return null;
  return `Add ${formatRupees(offer.minOrderPaise - itemTotalPaise)} more to get ${offerHeadline(offer)}`;
}
