import { describe, expect, it } from 'vitest';

import { restaurantToSave, signInToSaveHref } from './sign-in-intent';

describe('"Sign in to save" through sign-in', () => {
  it('links to sign-in with the menu to come back to and the save asked for', () => {
    expect(signInToSaveHref('/kolkata/arsalan')).toBe('/login?next=%2Fkolkata%2Farsalan&save=1');
  });

  it("saves the restaurant of the menu it returns to, only when asked and only a menu's", () => {
    expect(restaurantToSave('/kolkata/arsalan', '1')).toEqual({ citySlug: 'kolkata', restaurantSlug: 'arsalan' });
    expect(restaurantToSave('/kolkata/arsalan', undefined)).toBeNull();
    expect(restaurantToSave('/kolkata/arsalan', 'true')).toBeNull();
    for (const next of ['/', '/kolkata', '/checkout', '/orders/AbCdEfGhIjKlMnOpQrStUv', '/kolkata/arsalan?q=x', '/a/b/c']) {
      expect(restaurantToSave(next, '1')).toBeNull();
    }
  });
});
