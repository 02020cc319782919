import { describe, expect, it } from 'vitest';

import { addressNotice, addressReturnPath, ADDRESS_NOTICES } from './form';
import { addressIdSchema } from './schema';

describe('address form helpers', () => {
  it('returns only to /account or /checkout, whatever the form sends', () => {
    expect(addressReturnPath('checkout')).toBe('/checkout');
    for (const value of ['account', 'https://evil.example', '//evil.example', '/admin', '', undefined, ['checkout']]) {
      expect(addressReturnPath(value)).toBe('/account');
    }
  });

  it('shows a notice only for the known result names', () => {
    expect(addressNotice('deleted')).toBe(ADDRESS_NOTICES.deleted);
    expect(addressNotice('deleted')?.text).toBe('Address deleted.');
    for (const value of ['toString', '__proto__', 'constructor', 'Deleted', undefined, ['deleted']]) expect(addressNotice(value)).toBeNull();
  });

  it('accepts ids as digits only, within a Postgres serial', () => {
    expect(addressIdSchema.parse('42')).toBe(42);
    expect(addressIdSchema.parse(2_147_483_647)).toBe(2_147_483_647);
    for (const bad of ['042', '1e3', '1.0', ' 1', '+1', '2147483648', 'NaN', 'Infinity', 0, -1, 1.5, Number.NaN]) {
      expect(addressIdSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});
