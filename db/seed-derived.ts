import type { OfferTerms } from '@/lib/menus/types';

/**
 * Values derived from a restaurant's slug rather than drawn from the generator, so adding them left
 * every generated value as it was (db/seed-data.ts reshuffles everything when its draws change).
 */

/** FNV-1a of the slug: the same number on every machine and every run. */
function slugHash(slug: string): number {
  let hash = 2166136261;
  for (const char of slug) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

/** Rating counts from 40 to ~9,000, delivery ₹19-₹49, packaging by price level. */
export function seededFees(slug: string, costForTwo: number) {
  const hash = slugHash(slug);
  return {
    ratingCount: 40 + (hash % 9000),
    deliveryFeePaise: (19 + ((hash >>> 8) % 4) * 10) * 100,
    packagingFeePaise: costForTwo >= 800 ? 2500 : costForTwo >= 400 ? 1500 : 1000,
  };
}

/** The kinds of offer a delivery app's listing shows, in paise; one of them for about two restaurants in five. */
const SEEDED_OFFERS: readonly OfferTerms[] = [
  { kind: 'percent', percent: 50, maxDiscountPaise: 100_00, minOrderPaise: 0 },
  { kind: 'percent', percent: 20, maxDiscountPaise: 120_00, minOrderPaise: 299_00 },
  { kind: 'percent', percent: 40, maxDiscountPaise: 80_00, minOrderPaise: 199_00 },
  { kind: 'flat', flatPaise: 75_00, minOrderPaise: 349_00 },
  { kind: 'flat', flatPaise: 125_00, minOrderPaise: 499_00 },
];
const OFFER_SHARE_PERCENT = 40;

/** The demo offer a restaurant starts with, or null (most have none, as on a real listing). */
export function seededOffer(slug: string): OfferTerms | null {
  const hash = slugHash(slug);
  if ((hash >>> 16) % 100 >= OFFER_SHARE_PERCENT) return null;
  return SEEDED_OFFERS[(hash >>> 24) % SEEDED_OFFERS.length] ?? null;
}

/** Opening times a closed restaurant says it opens at: breakfast places, lunch, dinner. */
const SEEDED_OPENING_TIMES = ['07:30', '11:00', '12:00', '17:30', '19:00'] as const;

/** When a restaurant seeded closed says it opens ("Closed · opens at 11:00 am"); open ones say nothing. */
export function seededOpensAt(slug: string, isOpen: boolean): string | null {
  if (isOpen) return null;
  return SEEDED_OPENING_TIMES[(slugHash(slug) >>> 4) % SEEDED_OPENING_TIMES.length] ?? null;
}
