import { z } from 'zod';

import { visibleText, optionalText } from '@/lib/validation/text';

/**
 * A delivery address as a customer types it. Indian PIN codes are six digits, the first 1-9 (the
 * postal zone; no PIN starts with 0), also enforced by a check constraint on customer_addresses.
 */
export const PIN_CODE = /^[1-9][0-9]{5}$/;

export const addressSchema = z.object({
  label: visibleText('Label', 30),
  line1: visibleText('House and street', 120),
  line2: optionalText('Area or landmark', 120).refine((text) => !/[\r\n]/.test(text), 'Area or landmark must be one line'),
  city: visibleText('City', 60),
  pin: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(PIN_CODE, 'Enter a 6-digit PIN code (it never starts with 0)')),
});

export type AddressInput = z.infer<typeof addressSchema>;

/** The largest value of a Postgres serial: a bigger id is no row, never a query error. */
const MAX_SERIAL = 2_147_483_647;

/**
 * A saved address's id as a form or a URL sends it: digits only (no "1e3", " 7", "0x10", "-1").
 * Anything else, a too-large number included, is refused before Postgres is asked.
 */
export const addressIdSchema = z
  .union([z.string(), z.number()])
  .transform((value) => String(value))
  .pipe(z.string().regex(/^[1-9][0-9]{0,9}$/, 'That is not one of your addresses.'))
  .transform(Number)
  .pipe(z.number().int().max(MAX_SERIAL, 'That is not one of your addresses.'));

/** At most this many saved addresses per customer: a person has a handful; a script can't grow the table. */
export const MAX_ADDRESSES = 10;

/** Delivery instructions: optional, short, one paragraph. */
export const MAX_INSTRUCTIONS = 200;
export const instructionsSchema = optionalText('Delivery instructions', MAX_INSTRUCTIONS);

/** One line for the bill, the order page and the rider: "Home: 12 MG Road, Indiranagar, Bengaluru 560038". */
export function formatAddress(address: AddressInput): string {
  const street = [address.line1, address.line2].filter((part) => part !== '').join(', ');
  return `${address.label}: ${street}, ${address.city} ${address.pin}`;
}
