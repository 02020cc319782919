import { describe, expect, it, vi } from 'vitest';

import { cityPageMetadata, menuPageMetadata } from './page-metadata';

// No city or restaurant is found: what a mistyped address reads.
vi.mock('./cached', () => ({
  getCityRestaurants: async () => ({ value: null }),
  getRestaurantMenu: async () => ({ value: null }),
}));

describe('metadata of an address that is not a page', () => {
  it("is the 404's title, which the streamed metadata would otherwise replace with the site's default", async () => {
    for (const metadata of [
      await cityPageMetadata('nowhere'),
      await cityPageMetadata('Not A Slug!'),
      await menuPageMetadata('bengaluru', 'no-such-restaurant'),
      await menuPageMetadata('bengaluru', '../x'),
    ]) {
      expect(metadata.title).toBe('Page not found');
      expect(metadata.robots).toEqual({ index: false });
    }
  });
});
