import { describe, expect, it } from 'vitest';

import { safeCustomerNext } from './next-path';

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
});
