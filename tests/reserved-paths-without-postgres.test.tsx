import { describe, expect, it, vi } from 'vitest';

// Postgres is down: any menu or city lookup that reaches it fails (a 500 from the error boundary).
vi.mock('@/lib/menus/cached', () => {
  const down = async () => {
    throw new Error('Postgres did not answer');
  };
  return { getCityRestaurants: down, getRestaurantMenu: down, getCities: down };
});
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('not found');
  },
}));

const none = Promise.resolve({});
const params = <T,>(value: T) => Promise.resolve(value);
const children = null;

/**
 * `/cart`, `/account/addresses`, `/api/search`: addresses under the app's own top-level routes that
 * name no page fall through to app/[city]. Those names are never cities, so they are a 404 without a
 * lookup: with Postgres down they answered 500 (fault review), and each was a Postgres query anyway.
 */
describe('a top-level route name is never looked up as a city', () => {
  const renders: [string, () => Promise<unknown>][] = [
    ['/cart (city layout)', async () => (await import('@/app/[city]/layout')).default({ children, params: params({ city: 'cart' }) })],
    ['/cart (city page)', async () => (await import('@/app/[city]/(listing)/page')).default({ params: params({ city: 'cart' }), searchParams: none })],
    [
      '/api/search (restaurant layout)',
      async () => (await import('@/app/[city]/[restaurant]/layout')).default({ children, params: params({ city: 'api', restaurant: 'search' }) }),
    ],
    [
      '/account/addresses (restaurant page)',
      async () => (await import('@/app/[city]/[restaurant]/page')).default({ params: params({ city: 'account', restaurant: 'addresses' }) }),
    ],
  ];

  it.each(renders)('%s is not found without asking Postgres', async (_, render) => {
    await expect(render()).rejects.toThrow('not found');
  });

  it('their titles say "Page not found" without asking Postgres', async () => {
    const { cityPageMetadata, menuPageMetadata, NOT_FOUND_METADATA } = await import('@/lib/menus/page-metadata');
    await expect(cityPageMetadata('cart')).resolves.toEqual(NOT_FOUND_METADATA);
    await expect(menuPageMetadata('api', 'search')).resolves.toEqual(NOT_FOUND_METADATA);
  });
});
