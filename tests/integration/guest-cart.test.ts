import { describe, expect, it } from 'vitest';

import { addToCart, cartToOrder, clearOrderedCart, MAX_CART_LINES, readCart } from '@/lib/cart/cart';
import { keepCart, mergeGuestCart } from '@/lib/cart/refill';
import { readAddedPrices } from '@/lib/cart/prices';
import { cartKeys, cartOwners, GUEST_CART_TTL_MS } from '@/lib/cart/keys';
import type { RestaurantMenu } from '@/lib/menus/types';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { menuOf } from '../support/menus';

/**
 * Guest carts on every Redis driver: a signed-out ADD fills a cart under an anonymous owner with its
 * own TTL, and sign-in moves it into the customer's cart (quantities add up), or, when the two hold
 * different restaurants, leaves both until the customer says which to keep. The item tapped before
 * sign-in is never lost.
 */

function menu(slug: string, base: number): RestaurantMenu {
  const item = (id: number, name: string) => ({ id, name, description: '', pricePaise: 10_000, veg: true, available: true, bestseller: false, photoUrl: null });
  return menuOf(slug, [item(base + 1, 'Dosa'), item(base + 2, 'Idli')]);
}

/** No cart of the customer's became an order. */
const notOrdered = async () => false;

let guests = 0;
const owners = () => {
  guests += 1;
  return { guest: cartOwners.guest(`guest${String(guests).padStart(17, '0')}`), customer: cartOwners.customer(900_000 + guests) };
};

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('guest cart and merge at sign-in', { withDatabase: false }), () => {
    const backends = setUpBackends(pair, { label: 'guest-cart' });

    it('keeps a guest cart under its own key and TTL', async () => {
      const { guest } = owners();
      expect(await addToCart(guest, menu('dosa-point', 100), 101, { store: backends.redis })).toEqual({ status: 'added', quantity: 1 });
      const ttl = await backends.redis.pttl(cartKeys.cart(guest));
      expect(ttl).toBeGreaterThan(GUEST_CART_TTL_MS - 5_000);
      expect(ttl).toBeLessThanOrEqual(GUEST_CART_TTL_MS);
      expect(cartKeys.cart(guest)).toMatch(/cart:v3:\{g[A-Za-z0-9_-]+\}$/);
    });

    it('merges into an empty customer cart: the item tapped before sign-in is there', async () => {
      const { guest, customer } = owners();
      await addToCart(guest, menu('dosa-point', 100), 101, { store: backends.redis });
      expect(await mergeGuestCart(guest, customer, notOrdered, backends.redis)).toEqual({ status: 'merged', restaurant: 'dosa-point' });
      expect(await readCart(customer, backends.redis)).toEqual({ restaurant: 'dosa-point', items: [{ itemId: 101, quantity: 1 }] });
      expect(await backends.redis.exists([cartKeys.cart(guest)])).toBe(0);
      expect(await backends.redis.pttl(cartKeys.cart(customer))).toBeGreaterThan(GUEST_CART_TTL_MS);
    });

    it('adds quantities up when both carts hold the same restaurant', async () => {
      const { guest, customer } = owners();
      const dosa = menu('dosa-point', 100);
      await addToCart(customer, dosa, 101, { store: backends.redis });
      await addToCart(customer, dosa, 102, { store: backends.redis });
      await addToCart(guest, dosa, 101, { store: backends.redis });
      await addToCart(guest, dosa, 101, { store: backends.redis });
      expect((await mergeGuestCart(guest, customer, notOrdered, backends.redis)).status).toBe('merged');
      expect((await readCart(customer, backends.redis)).items).toEqual([
        { itemId: 101, quantity: 3 },
        { itemId: 102, quantity: 1 },
      ]);
    });

    it('the prices the guest’s ADDs saw move with their dishes at sign-in, for checkout’s price-change note', async () => {
      const merged = owners();
      const dosa = menu('dosa-point', 100);
      await addToCart(merged.customer, dosa, 102, { store: backends.redis });
      await addToCart(merged.guest, dosa, 101, { store: backends.redis });
      expect((await mergeGuestCart(merged.guest, merged.customer, notOrdered, backends.redis)).status).toBe('merged');
      expect(await readAddedPrices(merged.customer, backends.redis)).toEqual(new Map([[101, 10_000], [102, 10_000]]));
      expect(await readAddedPrices(merged.guest, backends.redis)).toEqual(new Map());

      const kept = owners();
      await addToCart(kept.customer, dosa, 101, { store: backends.redis });
      await addToCart(kept.guest, menu('biryani-house', 200), 202, { store: backends.redis });
      await mergeGuestCart(kept.guest, kept.customer, notOrdered, backends.redis);
      await keepCart('guest', kept.guest, kept.customer, backends.redis);
      expect(await readAddedPrices(kept.customer, backends.redis)).toEqual(new Map([[202, 10_000]]));
    });

    it('asks when the restaurants differ, and keeps the one chosen', async () => {
      const first = owners();
      await addToCart(first.customer, menu('dosa-point', 100), 101, { store: backends.redis });
      await addToCart(first.guest, menu('biryani-house', 200), 202, { store: backends.redis });
      expect(await mergeGuestCart(first.guest, first.customer, notOrdered, backends.redis)).toEqual({
        status: 'conflict',
        guestRestaurant: 'biryani-house',
        customerRestaurant: 'dosa-point',
      });
      // Nothing moved or was lost while the customer decides.
      expect((await readCart(first.guest, backends.redis)).restaurant).toBe('biryani-house');
      expect((await readCart(first.customer, backends.redis)).restaurant).toBe('dosa-point');
      await keepCart('guest', first.guest, first.customer, backends.redis);
      expect(await readCart(first.customer, backends.redis)).toEqual({ restaurant: 'biryani-house', items: [{ itemId: 202, quantity: 1 }] });
      expect(await backends.redis.exists([cartKeys.cart(first.guest)])).toBe(0);

      const second = owners();
      await addToCart(second.customer, menu('dosa-point', 100), 101, { store: backends.redis });
      await addToCart(second.guest, menu('biryani-house', 200), 202, { store: backends.redis });
      await keepCart('customer', second.guest, second.customer, backends.redis);
      expect((await readCart(second.customer, backends.redis)).restaurant).toBe('dosa-point');
      expect(await backends.redis.exists([cartKeys.cart(second.guest)])).toBe(0);
    });

    it('drops a customer cart an order was placed from, whose clear failed, instead of merging into it', async () => {
      const dosa = menu('dosa-point', 100);
      for (const guestMenu of [dosa, menu('biryani-house', 200)]) {
        const { guest, customer } = owners();
        await addToCart(customer, dosa, 101, { store: backends.redis });
        // Its checkout minted the generation the order records, then could not clear the cart.
        const ordered = await cartToOrder(customer, backends.redis);
        const guestItem = guestMenu.categories[0]!.items[1]!.id;
        await addToCart(guest, guestMenu, guestItem, { store: backends.redis });
        const wasOrdered = async (generation: string) => generation === ordered!.generation;
        expect(await mergeGuestCart(guest, customer, wasOrdered, backends.redis)).toEqual({ status: 'merged', restaurant: guestMenu.restaurant.slug });
        // Only the guest's dish, in a cart no order holds: the ordered dish can't be ordered again.
        expect(await readCart(customer, backends.redis)).toEqual({ restaurant: guestMenu.restaurant.slug, items: [{ itemId: guestItem, quantity: 1 }] });
        expect((await cartToOrder(customer, backends.redis))!.generation).not.toBe(ordered!.generation);
      }
    });

    it('merges into a cart that went to checkout without becoming an order', async () => {
      const { guest, customer } = owners();
      const dosa = menu('dosa-point', 100);
      await addToCart(customer, dosa, 101, { store: backends.redis });
      expect(await cartToOrder(customer, backends.redis)).not.toBeNull();
      await addToCart(guest, dosa, 101, { store: backends.redis });
      expect((await mergeGuestCart(guest, customer, notOrdered, backends.redis)).status).toBe('merged');
      expect((await readCart(customer, backends.redis)).items).toEqual([{ itemId: 101, quantity: 2 }]);
    });

    it('keeps the generation of a cart whose checkout is still committing: its order then clears the merged cart, ordered dishes and all', async () => {
      const { guest, customer } = owners();
      const dosa = menu('dosa-point', 100);
      await addToCart(customer, dosa, 101, { store: backends.redis });
      // Another tab's checkout read the cart (minting its generation); its order is not committed yet.
      const checkout = await cartToOrder(customer, backends.redis);
      await addToCart(guest, dosa, 102, { store: backends.redis });
      expect((await mergeGuestCart(guest, customer, notOrdered, backends.redis)).status).toBe('merged');
      expect((await cartToOrder(customer, backends.redis))!.generation).toBe(checkout!.generation);
      // The order commits and checkout clears its generation's cart: dish 101 can't be ordered again.
      await clearOrderedCart(customer, checkout!.generation, backends.redis);
      expect(await readCart(customer, backends.redis)).toEqual({ restaurant: null, items: [] });
    });

    it('a merge that Redis stops taking halfway leaves the customer’s own cart as it was (fault review)', async () => {
      const { guest, customer } = owners();
      const dosa = menu('dosa-point', 100);
      await addToCart(customer, dosa, 101, { store: backends.redis });
      await addToCart(customer, dosa, 102, { store: backends.redis });
      await addToCart(guest, dosa, 101, { store: backends.redis });
      // Redis goes away after the merge's first write to the customer's cart answered: before, that
      // write was a DEL of the whole cart, and the customer's own dishes were gone with it.
      let writes = 0;
      const failing = new Proxy(backends.redis, {
        get(target, name, receiver) {
          const value: unknown = Reflect.get(target, name, receiver);
          if (typeof value !== 'function' || !['del', 'hset', 'pexpire'].includes(String(name))) return value;
          return async (...args: unknown[]) => {
            const keys = (Array.isArray(args[0]) ? args[0] : [args[0]]) as string[];
            if (keys.includes(cartKeys.cart(customer)) && ++writes > 1) throw new Error('redis went away');
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        },
      });
      await expect(mergeGuestCart(guest, customer, notOrdered, failing)).rejects.toThrow('redis went away');
      const own = await readCart(customer, backends.redis);
      expect(own.restaurant).toBe('dosa-point');
      expect(own.items.map((line) => line.itemId)).toEqual([101, 102]);
      // The guest cart stays for the next sign-in, as it did.
      expect((await readCart(guest, backends.redis)).items).toEqual([{ itemId: 101, quantity: 1 }]);
    });

    it('a merge past the line limit keeps every line of the customer’s own cart and stays within the limit', async () => {
      const { guest, customer } = owners();
      const item = (id: number) => ({ id, name: `Dish ${id}`, description: '', pricePaise: 10_000, veg: true, available: true, bestseller: false, photoUrl: null });
      const big = menuOf('dosa-point', Array.from({ length: 2 * MAX_CART_LINES }, (_, i) => item(1_000 + i)));
      // The customer's lines sort after the guest's: a merge that kept the lowest ids dropped theirs.
      for (let i = 0; i < MAX_CART_LINES; i++) await addToCart(customer, big, 1_000 + MAX_CART_LINES + i, { store: backends.redis });
      for (let i = 0; i < 3; i++) await addToCart(guest, big, 1_000 + i, { store: backends.redis });
      expect((await mergeGuestCart(guest, customer, notOrdered, backends.redis)).status).toBe('merged');
      const merged = await readCart(customer, backends.redis);
      expect(merged.items).toHaveLength(MAX_CART_LINES);
      expect(merged.items.every((line) => line.itemId >= 1_000 + MAX_CART_LINES)).toBe(true);
    });

    it('has nothing to merge without a guest cart', async () => {
      const { guest, customer } = owners();
      expect(await mergeGuestCart(guest, customer, notOrdered, backends.redis)).toEqual({ status: 'nothing' });
    });
  });
}
