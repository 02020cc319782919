import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';

import { GET } from '@/app/api/restaurants/[slug]/visitor/route';
import { admins, customers, menuItems } from '@/db/schema';
import { invalidate } from '@/lib/cache/invalidate';
import { keys } from '@/lib/cache/keys';
import { customerSessionCookie } from '@/lib/auth/cookie';
import { createSession, destroyCustomerSessions, destroySession } from '@/lib/auth/sessions';
import { addToCart } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import { favouriteEntryKeys } from '@/lib/favourites/cache';
import { changeFavourite } from '@/lib/favourites/change';
import { getCityRestaurants, getRestaurantMenu, menuEntryKeys } from '@/lib/menus/cached';
import { updateMenuItem } from '@/lib/menus/mutations';
import type { MenuVisitorParts, RestaurantMenu } from '@/lib/menus/types';
import { noteRefusedWrite } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { brokenStore } from '../support/counters';
import { withCommands } from '../support/store-overrides';
import { countingStore } from '../support/counting-store';
import { itemForm } from '../support/menus';

/** The request's cookies, as next/headers gives them to lib/ (a route handler's). */
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers(),
}));

/** `inner`, whose first MGET fails as a slow or dropped reply does. */
function failingFirstMget(inner: RedisStore): RedisStore {
  let failed = false;
  return withCommands(inner, {
    mget: async (names) => {
      if (failed) return inner.mget(names);
      failed = true;
      throw new Error('Redis MGET timed out (test)');
    },
  });
}

/**
 * A signed-in customer's own parts of a shared menu page (GET /api/restaurants/<slug>/visitor, the
 * request a menu page view makes after load), through the real route handler on every driver: what
 * it costs in Redis commands (issue #12: 5 per page view, the shared page's 2 and the limiter's one
 * included, so 2 here), and that reading the menu, the session and the favourites in one command
 * weakens none of what each read alone guaranteed (docs/decisions/078-the-menu-visitor-read-in-one-mget.md).
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('a signed-in customer’s menu visitor request'), () => {
    const backends = setUpBackends(pair, { label: 'menu-visitor', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });

    const visit = (slug: string) => GET(new Request(`http://127.0.0.1:3000/api/restaurants/${slug}/visitor`), { params: Promise.resolve({ slug }) });
    const parts = async (slug: string): Promise<MenuVisitorParts> => {
      const response = await visit(slug);
      expect(response.status).toBe(200);
      return (await response.json()) as MenuVisitorParts;
    };

    /** Signs `customerId` in (this request's cookie) with one dish of the `nth` open Pune restaurant in their cart. */
    async function signedInWithCart(customerId: number, nth = 0) {
      const open = (await getCityRestaurants('pune')).value!.restaurants.filter((r) => r.isOpen)[nth]!;
      const menu = (await getRestaurantMenu(open.slug)).value!;
      const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.available)!;
      const phone = `+9197${String(customerId).padStart(8, '0')}`;
      await backends.db.db.insert(customers).values({ id: customerId, phone: phone.slice(1) }).onConflictDoNothing();
      const session = (await createSession({ kind: 'customer', customerId, phone }, { store: backends.redis }))!;
      await addToCart(cartOwners.customer(customerId), menu, item.id, { store: backends.redis });
      jar.clear();
      jar.set(customerSessionCookie().name, session);
      return { slug: open.slug, menu, item, session };
    }

    it('costs 2 Redis commands warm (one MGET of the menu, the session, its epoch and the favourites; the cart’s HGETALL), 5 for the page view', async () => {
      const { slug, item } = await signedInWithCart(910_001);
      await parts(slug); // warm: the favourites' entry
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      try {
        const warm = await parts(slug);
        expect(warm.cart.lines).toEqual([{ itemId: item.id, name: item.name, pricePaise: item.pricePaise, quantity: 1 }]);
        expect(warm.favourite).toEqual({ favourited: false });
        expect([...counting.commands].sort()).toEqual(['hgetall', 'mget']);
      } finally {
        backends.install();
      }
    });

    it('a favourite saved shows on the next request, and one removed', async () => {
      const customerId = 910_002;
      const { slug } = await signedInWithCart(customerId);
      expect((await parts(slug)).favourite).toEqual({ favourited: false });
      expect(await changeFavourite({ customerId, restaurantSlug: slug, favourite: true }, { limiter: null })).toMatchObject({ ok: true });
      expect((await parts(slug)).favourite).toEqual({ favourited: true });
      expect(await changeFavourite({ customerId, restaurantSlug: slug, favourite: false }, { limiter: null })).toMatchObject({ ok: true });
      expect((await parts(slug)).favourite).toEqual({ favourited: false });
    });

    it('signing out ends the session at once: the next request has no cart and no heart of theirs', async () => {
      const { slug, session } = await signedInWithCart(910_003);
      expect((await parts(slug)).cart.lines).toHaveLength(1);
      expect(await destroySession(session)).toBe(true);
      expect(await parts(slug)).toEqual({ cart: { lines: [], totalPaise: 0, elsewhere: null }, favourite: { favourited: null } });
    });

    it('“sign out of every device” ends the session at once (a new epoch, read in the same MGET)', async () => {
      const customerId = 910_004;
      const { slug } = await signedInWithCart(customerId);
      expect((await parts(slug)).favourite).toEqual({ favourited: false });
      expect(await destroyCustomerSessions(customerId)).toBe(true);
      expect(await parts(slug)).toEqual({ cart: { lines: [], totalPaise: 0, elsewhere: null }, favourite: { favourited: null } });
    });

    it('an admin’s price change shows in the cart on the next request', async () => {
      const { slug, item } = await signedInWithCart(910_005, 1);
      expect((await parts(slug)).cart.lines[0]?.pricePaise).toBe(item.pricePaise);
      const [admin] = await backends.db.db
        .insert(admins)
        .values({ email: `menu-visitor-${pair.driver.name}@thali.test`, name: 'Menu Visitor Test', passwordHash: 'unused' })
        .returning({ id: admins.id });
      const [row] = await backends.db.db.select().from(menuItems).where(eq(menuItems.id, item.id));
      const saved = await updateMenuItem({ adminId: admin!.id }, item.id, itemForm(row!, item.pricePaise + 1_000));
      expect(saved).toMatchObject({ status: 'saved', invalidation: { ok: true } });
      const after = await parts(slug);
      expect(after.cart.lines).toEqual([{ itemId: item.id, name: item.name, pricePaise: item.pricePaise + 1_000, quantity: 1 }]);
      expect(after.cart.totalPaise).toBe(item.pricePaise + 1_000);
    });

    it('a cart held at another restaurant is named there, and this menu’s cart is empty', async () => {
      const { menu } = await signedInWithCart(910_006, 0);
      const other = (await getCityRestaurants('pune')).value!.restaurants.filter((r) => r.isOpen)[2]!;
      expect((await parts(other.slug)).cart).toEqual({ lines: [], totalPaise: 0, elsewhere: { name: menu.restaurant.name, href: `/pune/${menu.restaurant.slug}`, items: 1 } });
    });

    it('an unknown restaurant is a 404 and a malformed one a 400, signed in or not', async () => {
      await signedInWithCart(910_007);
      expect((await visit('no-such-restaurant')).status).toBe(404);
      expect((await visit('Not_A_Slug')).status).toBe(400);
      jar.clear();
      expect((await visit('no-such-restaurant')).status).toBe(404);
    });

    it('a cookie naming a customer without that session shows nobody’s heart: their favourites, read in the MGET, are not used', async () => {
      const customerId = 910_009;
      const { slug } = await signedInWithCart(customerId);
      expect(await changeFavourite({ customerId, restaurantSlug: slug, favourite: true }, { limiter: null })).toMatchObject({ ok: true });
      expect((await parts(slug)).favourite).toEqual({ favourited: true });
      // Well formed and naming them, but no session of theirs: their keys are in the read, not in the answer.
      jar.set(customerSessionCookie().name, `c${customerId}.${'A'.repeat(43)}`);
      expect(await parts(slug)).toEqual({ cart: { lines: [], totalPaise: 0, elsewhere: null }, favourite: { favourited: null } });
    });

    /** The menu's cached entry rewritten with one price changed (a load from before a save), under `generation` (the current one by default). */
    async function storeStaleMenu(slug: string, itemId: number, pricePaise: number, generation?: string) {
      const [genKey, key] = menuEntryKeys(slug);
      const [current, raw] = await backends.redis.mget([genKey, key]);
      const entry = JSON.parse(raw!) as { generation: string; value: RestaurantMenu };
      for (const category of entry.value.categories) for (const dish of category.items) if (dish.id === itemId) dish.pricePaise = pricePaise;
      await backends.redis.set(key, JSON.stringify({ generation: generation ?? current!, value: entry.value }), { px: 60_000 });
    }

    it('a menu entry stored under an old generation (a late refill) is never served from the shared MGET; one under the current is', async () => {
      const { slug, item } = await signedInWithCart(910_010);
      await parts(slug); // the menu's entry is stored
      await storeStaleMenu(slug, item.id, 1, 'a-generation-a-save-replaced');
      expect((await parts(slug)).cart.lines[0]?.pricePaise).toBe(item.pricePaise);
      // The check above means something: the same entry under the current generation is served as stored.
      await storeStaleMenu(slug, item.id, 2);
      expect((await parts(slug)).cart.lines[0]?.pricePaise).toBe(2);
      await invalidate([keys.restaurantMenu(slug)]);
      expect((await parts(slug)).cart.lines[0]?.pricePaise).toBe(item.pricePaise);
    });

    it('while Redis refuses writes (decision 049) the menu and favourites come from Postgres, not the MGET', async () => {
      const customerId = 910_011;
      const { slug, item } = await signedInWithCart(customerId);
      await parts(slug);
      await storeStaleMenu(slug, item.id, 3);
      const [, favouriteKey] = favouriteEntryKeys(customerId);
      const [favouriteGeneration] = await backends.redis.mget(favouriteEntryKeys(customerId));
      await backends.redis.set(favouriteKey, JSON.stringify({ generation: favouriteGeneration, value: [slug] }), { px: 60_000 });
      expect(await parts(slug)).toMatchObject({ cart: { lines: [{ pricePaise: 3 }] }, favourite: { favourited: true } });
      noteRefusedWrite();
      try {
        expect(await parts(slug)).toMatchObject({ cart: { lines: [{ pricePaise: item.pricePaise }] }, favourite: { favourited: false } });
      } finally {
        singletons().redisWritesInDoubtUntil = undefined;
        await invalidate([keys.restaurantMenu(slug)]);
      }
    });

    it('one failed MGET is not an outage: the session is read again, the menu and favourites from Postgres, and the answer is whole', async () => {
      const customerId = 910_012;
      const { slug, item } = await signedInWithCart(customerId);
      expect(await changeFavourite({ customerId, restaurantSlug: slug, favourite: true }, { limiter: null })).toMatchObject({ ok: true });
      await parts(slug);
      const counting = countingStore(failingFirstMget(backends.redis));
      backends.install(counting.store);
      try {
        const answer = await parts(slug);
        expect(answer.cart.lines).toEqual([{ itemId: item.id, name: item.name, pricePaise: item.pricePaise, quantity: 1 }]);
        expect(answer.favourite).toEqual({ favourited: true });
        // The failed MGET, the session's own retry, the cart; the menu and favourites loads store nothing
        // (their read failed, so nothing says which generation a store would be under).
        expect([...counting.commands].sort()).toEqual(['hgetall', 'mget', 'mget']);
      } finally {
        backends.install();
      }
    });

    it('Redis away: a 503 to retry (the cart can’t be read), never a 500; the menu still 404s from Postgres', async () => {
      const { slug } = await signedInWithCart(910_008);
      backends.install(brokenStore());
      try {
        expect((await visit(slug)).status).toBe(503);
        expect((await visit('no-such-restaurant')).status).toBe(404);
      } finally {
        backends.install();
      }
    });
  });
}
