import { z } from 'zod';

/**
 * What an admin may submit, shared by the forms (field errors) and the mutations (nothing invalid
 * is ever written). Prices are typed in rupees ("249" or "249.50") and stored as integer paise.
 */

const trimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const rupeesToPaise = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, 'Enter a price in rupees, like 249 or 249.50')
  .transform((rupees) => Math.round(Number(rupees) * 100))
  .refine((paise) => paise > 0, 'Price must be more than ₹0');

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.boolean()])
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true');

const version = z.coerce.number().int().positive();

export const restaurantUpdateSchema = z.object({
  version,
  name: trimmed('Name', 80),
  cuisines: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((cuisine) => cuisine.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(40, 'Each cuisine must be at most 40 characters'))
        .min(1, 'Add at least one cuisine')
        .max(8, 'At most 8 cuisines'),
    ),
  isOpen: checkbox,
});

export const menuItemFieldsSchema = z.object({
  name: trimmed('Name', 80),
  description: z.string().trim().max(300, 'Description must be at most 300 characters').default(''),
  price: rupeesToPaise,
  categoryId: z.coerce.number().int().positive('Choose a category'),
  veg: checkbox,
  available: checkbox,
  bestseller: checkbox,
});

export const menuItemUpdateSchema = menuItemFieldsSchema.extend({ version });
export const menuItemDeleteSchema = z.object({ version });

export type RestaurantUpdate = z.output<typeof restaurantUpdateSchema>;
export type MenuItemFields = z.output<typeof menuItemFieldsSchema>;
export type MenuItemUpdate = z.output<typeof menuItemUpdateSchema>;

/** Field errors in the shape forms render: `{ price: ['Enter a price…'] }`. */
export type FieldErrors = Partial<Record<string, string[]>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
