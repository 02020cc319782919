import { z } from 'zod';

import { MAX_PRICE_PAISE } from '@/lib/orders/limits';
import { cleanText, hasVisibleCharacter, optionalText, pgInteger, visibleText } from '@/lib/validation/text';

/**
 * What an admin may submit, shared by the forms (field errors) and the mutations (nothing invalid
 * is ever written). Prices are typed in rupees ("249" or "249.50") and stored as integer paise.
 */

export const rupeesToPaise = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, 'Enter a price in rupees, like 249 or 249.50')
  .transform((rupees) => Math.round(Number(rupees) * 100))
  .refine((paise) => paise > 0, 'Price must be more than ₹0')
  .refine((paise) => paise <= MAX_PRICE_PAISE, `Price must be at most ₹${(MAX_PRICE_PAISE / 100).toLocaleString('en-IN')}`);

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.boolean()])
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true');

const version = pgInteger();

export const restaurantUpdateSchema = z.object({
  version,
  name: visibleText('Name', 80),
  cuisines: z
    .string()
    .transform((text) => [...new Set(text.normalize('NFC').split(',').map(cleanText).filter(hasVisibleCharacter))])
    .pipe(
      z
        .array(visibleText('Each cuisine', 40))
        .min(1, 'Add at least one cuisine')
        .max(8, 'At most 8 cuisines'),
    ),
  isOpen: checkbox,
  /**
   * When it opens (a time of day in India, "HH:MM"), said to customers while it is closed. Empty
   * clears it; absent (a caller that doesn't send it) leaves it as it is.
   */
  opensAt: z
    .string()
    .trim()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, 'Enter a time like 11:00 (24-hour), or leave it empty')
    .transform((time) => (time === '' ? null : time))
    .optional(),
});

export const menuItemFieldsSchema = z.object({
  name: visibleText('Name', 80),
  description: optionalText('Description', 300).default(''),
  price: rupeesToPaise,
  categoryId: pgInteger('Choose a category'),
  veg: checkbox,
  available: checkbox,
  bestseller: checkbox,
});

export const menuItemUpdateSchema = menuItemFieldsSchema.extend({ version });
export const menuItemDeleteSchema = z.object({ version });
/** The menu list's "Mark unavailable" / "Mark available": the state asked for, never a flip. */
export const menuItemAvailabilitySchema = z.object({
  version,
  available: z.enum(['true', 'false'], 'Choose available or unavailable').transform((value) => value === 'true'),
});

export type RestaurantUpdate = z.output<typeof restaurantUpdateSchema>;
export type MenuItemFields = z.output<typeof menuItemFieldsSchema>;
export type MenuItemUpdate = z.output<typeof menuItemUpdateSchema>;
