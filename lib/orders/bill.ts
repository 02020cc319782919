import type { OfferTerms } from '@/lib/menus/types';
import { offerLabel } from '@/lib/offers/label';

/**
 * The bill, in integer paise, as checkout charges it and the order page shows it (docs/ordering.md):
 *
 * - item total: each line's price × quantity, prices read from Postgres at checkout;
 * - discount: the restaurant's offer, when the item total reaches its minimum: a percentage (rounded
 *   down to the paisa) capped at its maximum, or a flat amount; never more than the item total;
 * - GST: 5 % on the food (item total after the discount, plus packaging, which is part of the
 *   restaurant's supply), as restaurant service is taxed in India (CGST 2.5 % + SGST 2.5 %, without
 *   input tax credit); rounded half up to the paisa. The delivery fee is charged as shown, taxes included.
 * - total: item total − discount + delivery fee + packaging + GST.
 */

export const GST_PERCENT = 5;

export interface BillInput {
  itemTotalPaise: number;
  deliveryFeePaise: number;
  packagingFeePaise: number;
  offer: OfferTerms | null;
}

export interface Bill {
  itemTotalPaise: number;
  discountPaise: number;
  deliveryFeePaise: number;
  packagingFeePaise: number;
  gstPaise: number;
  totalPaise: number;
  /** The offer applied, or null (none, or the item total is below its minimum). */
  offerLabel: string | null;
}

/** What the offer takes off this item total: 0 below its minimum. */
export function discountFor(offer: OfferTerms | null, itemTotalPaise: number): number {
  if (!offer || itemTotalPaise <= 0 || itemTotalPaise < offer.minOrderPaise) return 0;
  const off =
    offer.kind === 'percent'
      ? Math.min(Math.floor((itemTotalPaise * offer.percent) / 100), offer.maxDiscountPaise)
      : offer.flatPaise;
  return Math.min(off, itemTotalPaise);
}

/** GST_PERCENT of `paise`, rounded half up (integer arithmetic: no float drift). */
export function gstOn(paise: number): number {
  return Math.floor((paise * GST_PERCENT + 50) / 100);
}

export function computeBill({ itemTotalPaise, deliveryFeePaise, packagingFeePaise, offer }: BillInput): Bill {
  const discountPaise = discountFor(offer, itemTotalPaise);
  const gstPaise = gstOn(itemTotalPaise - discountPaise + packagingFeePaise);
  return {
    itemTotalPaise,
    discountPaise,
    deliveryFeePaise,
    packagingFeePaise,
    gstPaise,
    totalPaise: itemTotalPaise - discountPaise + deliveryFeePaise + packagingFeePaise + gstPaise,
    offerLabel: discountPaise > 0 && offer ? offerLabel(offer) : null,
  };
}
