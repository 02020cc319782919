import { z } from 'zod';

import type { OfferTerms } from '@/lib/menus/types';

/**
 * The admin's offer form: none, a percentage (1-90 %, with the most it takes off) or a flat amount,
 * each from a minimum item total (0 for none). Amounts are typed in whole rupees and stored in paise;
 * the check constraint on restaurant_offers holds the same shape.
 */

const rupees = (label: string, { min, max }: { min: number; max: number }) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `${label}: enter whole rupees, like 100`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `${label} must be from ₹${min} to ₹${max.toLocaleString('en-IN')}`)
    .transform((value) => value * 100);

const minOrder = rupees('Minimum order', { min: 0, max: 100_000 });

export const offerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('percent'),
    percent: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'Percent: a whole number from 1 to 90')
      .transform(Number)
      .refine((value) => value >= 1 && value <= 90, 'Percent: a whole number from 1 to 90'),
    maxDiscount: rupees('Maximum discount', { min: 1, max: 1_000 }),
    minOrder,
  }),
  z.object({ kind: z.literal('flat'), flat: rupees('Amount off', { min: 1, max: 1_000 }), minOrder }),
]);

/** The parsed form as stored terms, or null for "no offer". */
export function termsOf(parsed: z.infer<typeof offerSchema>): OfferTerms | null {
  switch (parsed.kind) {
    case 'none':
      return null;
    case 'percent':
      return { kind: 'percent', percent: parsed.percent, maxDiscountPaise: parsed.maxDiscount, minOrderPaise: parsed.minOrder };
    case 'flat':
      return { kind: 'flat', flatPaise: parsed.flat, minOrderPaise: parsed.minOrder };
  }
}
