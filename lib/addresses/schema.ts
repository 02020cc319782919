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
