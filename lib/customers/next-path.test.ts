import { describe, expect, it } from 'vitest';

import { safeCustomerNext, signInReason } from './next-path';

describe('safeCustomerNext', () => {
  it('keeps paths of this site, with their query and without the fragment', () => {
    expect(safeCustomerNext('/bengaluru')).toBe('/bengaluru');
    expect(safeCustomerNext('/account?tab=orders#top')).toBe('/account?tab=orders');
  });

  it('sends other origins, the login page and the admin to the home page', () => {
    for (const value of [undefined, '', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\tevil', '/login', '/admin', '/admin/cache']) {
      expect(safeCustomerNext(value), String(value)).toBe('/');
    }
  });

  it('sends paths whose dot segments resolve to another origin to the home page', () => {
    // new URL resolves these to the path `//evil.example`, which a browser reads as another origin.
    for (const value of ['/..//evil.example', '/.//evil.example', '/a/..//evil.example', '/%2e%2e//evil.example', '/.%2e//evil.example/x?y=1']) {
      expect(safeCustomerNext(value), value).toBe('/');
    }
  });
});

describe('signInReason', () => {
  it('tells a guest sent from their cart that it is kept', () => {
    expect(signInReason('/checkout')).toMatch(/^Sign in to see your cart and check out: your cart is kept\./);
    expect(signInReason('/checkout/addresses')).toMatch(/your cart is kept/);
    expect(signInReason('/orders/abc')).toMatch(/^Sign in to see your order/);
  });

  it('says only how sign-in works otherwise', () => {
    for (const next of ['/', '/account', '/checkoutx', '/bengaluru/x?checkout=1']) {
      expect(signInReason(next), next).toBe('With your mobile number: we text you a one-time code.');
    }
  });
});
