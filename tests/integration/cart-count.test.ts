import { describe, expect, it, vi } from 'vitest';

import { customers } from '@/db/schema';
import { customerSessionCookie } from '@/lib/auth/cookie';
import { createSession } from '@/lib/auth/sessions';
import { addToCart } from '@/lib/cart/cart';
import { readCartSummary } from '@/lib/cart/count';
import { cartOwners } from '@/lib/cart/keys';
import { lookUpCustomer } from '@/lib/customers/session';
import { readOwnFavourite } from '@/lib/favourites/menu-state';
import { getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { readVisitorParts } from '@/lib/menus/visitor';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { countingStore } from '../support/counting-store';

/** The request's cookies, as next/headers gives them to lib/ (a route handler's). */
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers(),
}));

/**
 * GET /api/cart/count (decision 060) runs on every page view of a visitor with the hint, so its Redis
 * commands are counted like a page's (tests/integration/page-reads.test.ts). React's `cache` does not
 * memoize in a route handler, so lookUpCustomer answers once per call there, as it does here.
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('the header’s cart count'), () => {
    const backends = setUpBackends(pair, { label: 'cart-count' });

    /**
     * Signs `customerId` in (this request's cookie) with `quantity` of a dish of an open Pune
     * restaurant in their cart: that restaurant, its menu and the dish.
     */
    async function signedInWithCart(customerId: number, quantity: number) {
      const open = (await getCityRestaurants('pune')).value!.restaurants.find((r) => r.isOpen)!;
      const menu = (await getRestaurantMenu(open.slug)).value!;
      const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.available)!;
      const phone = `+9198${String(customerId).padStart(8, '0')}`;
      // Their row, which keeps their session epoch (lib/auth/customer-epoch.ts).
      await backends.db.db.insert(customers).values({ id: customerId, phone: phone.slice(1) }).onConflictDoNothing();
      const session = (await createSession({ kind: 'customer', customerId, phone }, { store: backends.redis }))!;
      for (let i = 0; i < quantity; i++) await addToCart(cartOwners.customer(customerId), menu, item.id, { store: backends.redis });
      jar.clear();
      jar.set(customerSessionCookie().name, session);
      return { open, menu, item };
    }

    // Review 2: readCartCount asked for the session, then currentCartOwner asked again: a signed-in
    // visitor's count cost 2 session reads + the cart (4 commands with the limiter's), past decision
    // 060's 3 and the page view's budget of 5.
    it('a signed-in customer’s count: one session lookup (one MGET, decision 061) and one HGETALL', async () => {
      const customerId = 900_001;
      const { open, item } = await signedInWithCart(customerId, 2);
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      try {
        // What one session lookup costs: the session and the customer's epoch, one MGET (it was GET, PTTL, SISMEMBER)…
        expect((await lookUpCustomer()).status).toBe('signed-in');
        const lookup = [...counting.commands];
        expect(lookup).toEqual(['mget']);
        counting.reset();
        // …and the count is that once, and the cart.
        // With its restaurant and lines: a search's dishes already in the cart show their − / +, not ADD.
        expect(await readCartSummary()).toEqual({ items: 2, restaurant: open.slug, lines: [{ itemId: item.id, quantity: 2 }] });
        expect(counting.commands).toEqual([...lookup, 'hgetall']);
      } finally {
        backends.install();
      }
    });

    // The same double lookup in the menu's visitor request (GET /api/restaurants/<slug>/visitor), the
    // other request a page view makes on the pages' budget.
    it('a signed-in customer’s parts of a menu page: one session lookup, the cart, the favourite (an MGET each, and an HGETALL)', async () => {
      const customerId = 900_002;
      const { menu } = await signedInWithCart(customerId, 1);
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      try {
        await readOwnFavourite(menu.restaurant.slug, customerId); // warm
        counting.reset();
        await readOwnFavourite(menu.restaurant.slug, customerId);
        const favourite = [...counting.commands];
        counting.reset();
        await lookUpCustomer();
        const lookup = [...counting.commands];
        expect([...favourite, ...lookup]).toEqual(['mget', 'mget']);
        counting.reset();
        expect((await readVisitorParts(menu))?.cart.lines).toHaveLength(1);
        expect([...counting.commands].sort()).toEqual([...lookup, ...favourite, 'hgetall'].sort());
      } finally {
        backends.install();
      }
    });

    it('no cookie at all: 0, and no Redis command', async () => {
      jar.clear();
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      try {
        expect(await readCartSummary()).toEqual({ items: 0, restaurant: null, lines: [] });
        expect(counting.commands).toEqual([]);
      } finally {
        backends.install();
      }
    });
  });
}
