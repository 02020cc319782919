import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { addToCart, cartToOrder, clearCart, clearOrderedCart, MAX_CART_LINES, MAX_QUANTITY, readCart, setQuantity } from '@/lib/cart/cart';
import { refillCart } from '@/lib/cart/refill';
import { CART_TTL_MS, cartKeys } from '@/lib/cart/keys';
import { priceCart, readAddedPrices } from '@/lib/cart/prices';
import { parseEnv } from '@/lib/env';
import type { RestaurantMenu } from '@/lib/menus/types';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { menuOf } from '../support/menus';
import { uniquePrefix } from '../support/services';


function menu(slug: string, options: { isOpen?: boolean } = {}): RestaurantMenu {
  const base = slug === 'dosa-point' ? 100 : 200;
  return menuOf(
    slug,
    [
      { id: base + 1, name: 'Masala dosa', description: '', pricePaise: 12_000, veg: true, available: true, bestseller: true, photoUrl: null },
      { id: base + 2, name: 'Idli', description: '', pricePaise: 6_000, veg: true, available: true, bestseller: false, photoUrl: null },
      { id: base + 3, name: 'Vada', description: '', pricePaise: 5_000, veg: true, available: false, bestseller: false, photoUrl: null },
    ],
    { isOpen: options.isOpen ?? true },
  );
}

await describeEachDriver('cart', (driver) => {
  const prefix = uniquePrefix(`cart-${driver.name}`);
  let store: RedisStore;
  let session = 0;
  let hash: string;

  beforeAll(async () => {
    store = await driver.create();
  });
  beforeEach(() => {
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix });
    session += 1;
    hash = `session${session}`;
  });
  afterAll(async () => {
    await deleteKeysUnder(store, prefix);
    await store.close();
    await driver.cleanup();
  });

  // Customer walk: checkout prices from Postgres, so a price changed since a dish was added showed up
  // only as a different total. Each ADD remembers the menu's price, for checkout's note.
  it('remembers the price each dish had when it was last added (or reordered), forgotten with the cart', async () => {
    const dosa = menu('dosa-point');
    await addToCart(hash, dosa, 101, { store });
    await addToCart(hash, dosa, 102, { store });
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 12_000], [102, 6_000]]));
    expect(await store.pttl(cartKeys.prices(hash))).toBeGreaterThan(CART_TTL_MS - 5_000);
    // The menu's price went up: the next ADD saw the new one.
    const dearer = menuOf('dosa-point', dosa.categories[0]!.items.map((item) => (item.id === 101 ? { ...item, pricePaise: 13_000 } : item)));
    await addToCart(hash, dearer, 101, { store });
    expect((await readAddedPrices(hash, store)).get(101)).toBe(13_000);
    // The cart's own fields are untouched: its lines are what they were.
    expect(await readCart(hash, store)).toEqual({ restaurant: 'dosa-point', items: [{ itemId: 101, quantity: 2 }, { itemId: 102, quantity: 1 }] });
    await clearCart(hash, store);
    expect(await readAddedPrices(hash, store)).toEqual(new Map());
    // A reorder remembers the menu's prices of what it put back, and only those.
    await addToCart(hash, dosa, 102, { store });
    await clearCart(hash, store);
    await addToCart(hash, dosa, 102, { store });
    expect(await refillCart(hash, dearer, [{ itemId: 101, quantity: 1 }], store)).toBe(1);
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 13_000]]));
  });

  // Customer walk: a reorder remembered today's prices, so checkout never said that the biryani
  // ordered at ₹120 last week costs ₹130 now. It remembers what the order paid, where it knows.
  it('a reorder remembers the prices its order paid, so checkout names a change since', async () => {
    const dearer = menuOf('dosa-point', menu('dosa-point').categories[0]!.items.map((item) => (item.id === 101 ? { ...item, pricePaise: 13_000 } : item)));
    const lines = [{ itemId: 101, quantity: 1, pricePaise: 12_000 }, { itemId: 102, quantity: 2 }];
    expect(await refillCart(hash, dearer, lines, store)).toBe(2);
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 12_000], [102, 6_000]]));
  });

  // Customer walk: the note compared with the last ADD only. A + on the menu (whose cart shows the
  // menu's price) left the price remembered from the first ADD, so checkout named a change the
  // customer had already seen and accepted.
  it('a − / + on the menu remembers the price that menu shows, for that restaurant only', async () => {
    const dosa = menu('dosa-point');
    await addToCart(hash, dosa, 101, { store });
    await addToCart(hash, dosa, 102, { store });
    const dearer = menuOf('dosa-point', dosa.categories[0]!.items.map((item) => (item.id === 101 ? { ...item, pricePaise: 13_000 } : item)));
    await setQuantity(hash, 101, 2, store, dearer);
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 13_000], [102, 6_000]]));
    // Another restaurant's menu says nothing about this cart's prices; nor does a quantity change without a menu (checkout's).
    const other = menuOf('biryani-house', dosa.categories[0]!.items.map((item) => ({ ...item, pricePaise: 1 })));
    await setQuantity(hash, 102, 3, store, other);
    await setQuantity(hash, 102, 4, store);
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 13_000], [102, 6_000]]));
    // A dish not in the cart is neither added nor remembered.
    await setQuantity(hash, 103, 2, store, dosa);
    expect((await readAddedPrices(hash, store)).has(103)).toBe(false);
    expect((await readCart(hash, store)).items).toEqual([{ itemId: 101, quantity: 2 }, { itemId: 102, quantity: 4 }]);
  });

  // Review 3: checkout's − / + (no menu) renewed the cart's TTL but not its prices', so a cart kept
  // alive there outlived what its ADDs saw, and checkout's "price changed" note went quiet.
  it('a − / + anywhere keeps the prices as long as the cart', async () => {
    await addToCart(hash, menu('dosa-point'), 101, { store });
    // A day later, as it were: the prices have a minute left, the cart as long.
    await store.pexpire(cartKeys.cart(hash), 60_000);
    await store.pexpire(cartKeys.prices(hash), 60_000);
    await setQuantity(hash, 101, 2, store);
    expect(await store.pttl(cartKeys.cart(hash))).toBeGreaterThan(CART_TTL_MS - 5_000);
    expect(await store.pttl(cartKeys.prices(hash))).toBeGreaterThan(CART_TTL_MS - 5_000);
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 12_000]]));
  });

  // Review: each cart replaced by another restaurant's left its dishes' prices behind, so the hash grew
  // with every cart a visitor (or a script) started within its lifetime.
  it('a new cart forgets the prices of the carts before it', async () => {
    await addToCart(hash, menu('dosa-point'), 101, { store });
    await addToCart(hash, menu('dosa-point'), 102, { store });
    expect(await addToCart(hash, menu('biryani-house'), 201, { store, replace: true })).toEqual({ status: 'added', quantity: 1 });
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[201, 12_000]]));
    // Emptied with − and started again: the same.
    await setQuantity(hash, 201, 0, store);
    await addToCart(hash, menu('dosa-point'), 102, { store });
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[102, 6_000]]));
  });

  // Review 2: a cart emptied by its last − was deleted, but its prices stayed for the rest of their TTL
  // (docs/redis-keys.md says they go with the cart): a key per emptied cart that nothing would read.
  // Review (review2): a − that removed a line but not the last renewed neither the cart nor its prices,
  // unlike every other change; a customer trimming a cart an hour before it expired lost it an hour later.
  it('a line removed with − (not the last) renews the cart and its prices, as any change does', async () => {
    await addToCart(hash, menu('dosa-point'), 101, { store });
    await addToCart(hash, menu('dosa-point'), 102, { store });
    await store.pexpire(cartKeys.cart(hash), 60_000);
    await store.pexpire(cartKeys.prices(hash), 60_000);
    await setQuantity(hash, 101, 0, store);
    expect(await store.pttl(cartKeys.cart(hash))).toBeGreaterThan(CART_TTL_MS - 5_000);
    expect(await store.pttl(cartKeys.prices(hash))).toBeGreaterThan(CART_TTL_MS - 5_000);
    expect((await readCart(hash, store)).items).toEqual([{ itemId: 102, quantity: 1 }]);
  });

  it('a cart emptied with its last − takes its prices with it', async () => {
    await addToCart(hash, menu('dosa-point'), 101, { store });
    await addToCart(hash, menu('dosa-point'), 102, { store });
    await setQuantity(hash, 101, 0, store);
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[101, 12_000], [102, 6_000]]));
    await setQuantity(hash, 102, 0, store);
    expect(await store.pttl(cartKeys.cart(hash))).toBe(-2);
    expect(await store.pttl(cartKeys.prices(hash))).toBe(-2);
  });

  it('adds, counts up, changes quantity, removes, with a 24 h TTL', async () => {
    const dosa = menu('dosa-point');
    expect(await addToCart(hash, dosa, 101, { store })).toEqual({ status: 'added', quantity: 1 });
    expect(await addToCart(hash, dosa, 101, { store })).toEqual({ status: 'added', quantity: 2 });
    expect(await addToCart(hash, dosa, 102, { store })).toEqual({ status: 'added', quantity: 1 });
    expect(await readCart(hash, store)).toEqual({
      restaurant: 'dosa-point',
      items: [
        { itemId: 101, quantity: 2 },
        { itemId: 102, quantity: 1 },
      ],
    });
    expect(await store.pttl(cartKeys.cart(hash))).toBeGreaterThan(CART_TTL_MS - 5_000);
    await setQuantity(hash, 101, 5, store);
    await setQuantity(hash, 999, 5, store); // not in the cart: ignored
    expect(priceCart(await readCart(hash, store), dosa)).toEqual({
      lines: [
        { itemId: 101, name: 'Masala dosa', pricePaise: 12_000, quantity: 5 },
        { itemId: 102, name: 'Idli', pricePaise: 6_000, quantity: 1 },
      ],
      totalPaise: 66_000,
    });
    await setQuantity(hash, 101, 0, store);
    await setQuantity(hash, 102, 0, store);
    expect(await readCart(hash, store)).toEqual({ restaurant: null, items: [] });
    expect(await store.exists([cartKeys.cart(hash)])).toBe(0);
  });

  it('refuses unavailable items and closed restaurants', async () => {
    expect(await addToCart(hash, menu('dosa-point'), 103, { store })).toEqual({ status: 'unavailable' });
    expect(await addToCart(hash, menu('dosa-point'), 999, { store })).toEqual({ status: 'unavailable' });
    expect(await addToCart(hash, menu('dosa-point', { isOpen: false }), 101, { store })).toEqual({ status: 'unavailable' });
    expect(await readCart(hash, store)).toEqual({ restaurant: null, items: [] });
  });

  it('one restaurant per cart: another asks to replace, and replacing starts afresh', async () => {
    await addToCart(hash, menu('dosa-point'), 101, { store });
    expect(await addToCart(hash, menu('biryani-house'), 201, { store })).toEqual({
      status: 'conflict',
      currentRestaurant: 'dosa-point',
    });
    expect(await addToCart(hash, menu('biryani-house'), 201, { store, replace: true })).toEqual({ status: 'added', quantity: 1 });
    expect(await readCart(hash, store)).toEqual({ restaurant: 'biryani-house', items: [{ itemId: 201, quantity: 1 }] });
  });

  it('finding 10: concurrent first adds from two restaurants leave one restaurant in the cart', async () => {
    for (let round = 0; round < 10; round++) {
      const cart = `${hash}-race-${round}`;
      const results = await Promise.all([
        addToCart(cart, menu('dosa-point'), 101, { store }),
        addToCart(cart, menu('biryani-house'), 201, { store }),
      ]);
      expect(results.filter((result) => result.status === 'added'), JSON.stringify(results)).toHaveLength(1);
      expect(results.filter((result) => result.status === 'conflict')).toHaveLength(1);
      const read = await readCart(cart, store);
      expect(read.items).toHaveLength(1);
      expect(read.restaurant).toBe(results[0]!.status === 'added' ? 'dosa-point' : 'biryani-house');
    }
  });

  it('finding 10: an add racing a replace never mixes restaurants in what is read', async () => {
    for (let round = 0; round < 10; round++) {
      const cart = `${hash}-replace-${round}`;
      await addToCart(cart, menu('dosa-point'), 101, { store });
      await Promise.all([
        addToCart(cart, menu('dosa-point'), 102, { store }),
        addToCart(cart, menu('biryani-house'), 201, { store, replace: true }),
        addToCart(cart, menu('dosa-point'), 101, { store }),
      ]);
      const read = await readCart(cart, store);
      const ids = read.items.map((line) => line.itemId);
      const restaurantOf = (id: number) => (id < 200 ? 'dosa-point' : 'biryani-house');
      expect(ids.every((id) => restaurantOf(id) === read.restaurant), JSON.stringify(read)).toBe(true);
    }
  });

  it('holds at most MAX_CART_LINES distinct items', async () => {
    const big = menu('dosa-point');
    big.categories[0]!.items = Array.from({ length: MAX_CART_LINES + 1 }, (_, i) => ({
      id: 1_000 + i,
      name: `Dish ${i}`,
      description: '',
      pricePaise: 100,
      veg: true,
      available: true,
      bestseller: false,
      photoUrl: null,
    }));
    for (let i = 0; i < MAX_CART_LINES; i++) expect((await addToCart(hash, big, 1_000 + i, { store })).status).toBe('added');
    expect(await addToCart(hash, big, 1_000 + MAX_CART_LINES, { store })).toEqual({ status: 'full' });
    expect(await addToCart(hash, big, 1_000, { store })).toEqual({ status: 'added', quantity: 2 });
    expect((await readCart(hash, store)).items).toHaveLength(MAX_CART_LINES);
  });

  it('names a cart by one generation from its first checkout until it is deleted; the next cart gets another', async () => {
    expect(await cartToOrder(hash, store)).toBeNull();
    expect(await store.exists([cartKeys.cart(hash)])).toBe(0);
    await addToCart(hash, menu('dosa-point'), 101, { store });
    const first = await cartToOrder(hash, store);
    expect(first).toMatchObject({ restaurant: 'dosa-point', items: [{ itemId: 101, quantity: 1 }] });
    expect(first!.generation).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // Concurrent checkouts of one cart agree on it, and changing quantities keeps it.
    const [a, b] = await Promise.all([cartToOrder(hash, store), cartToOrder(hash, store)]);
    expect([a!.generation, b!.generation]).toEqual([first!.generation, first!.generation]);
    await addToCart(hash, menu('dosa-point'), 102, { store });
    await setQuantity(hash, 101, 3, store);
    expect((await cartToOrder(hash, store))!.generation).toBe(first!.generation);
    // Replaced by another restaurant's cart, or cleared and filled again: a new cart.
    await addToCart(hash, menu('biryani-house'), 201, { store, replace: true });
    const replaced = await cartToOrder(hash, store);
    expect(replaced!.generation).not.toBe(first!.generation);
    await clearCart(hash, store);
    await addToCart(hash, menu('biryani-house'), 201, { store });
    expect((await cartToOrder(hash, store))!.generation).not.toBe(replaced!.generation);
    expect(await store.pttl(cartKeys.cart(hash))).toBeGreaterThan(CART_TTL_MS - 60_000);
  });

  it('still holds MAX_CART_LINES distinct items after a checkout gave it a generation', async () => {
    const big = menu('dosa-point');
    big.categories[0]!.items = Array.from({ length: MAX_CART_LINES + 1 }, (_, i) => ({
      id: 1_000 + i,
      name: `Dish ${i}`,
      description: '',
      pricePaise: 100,
      veg: true,
      available: true,
      bestseller: false,
      photoUrl: null,
    }));
    for (let i = 0; i < MAX_CART_LINES - 1; i++) expect((await addToCart(hash, big, 1_000 + i, { store })).status).toBe('added');
    expect(await cartToOrder(hash, store)).not.toBeNull();
    expect(await addToCart(hash, big, 1_000 + MAX_CART_LINES - 1, { store })).toEqual({ status: 'added', quantity: 1 });
    expect(await addToCart(hash, big, 1_000 + MAX_CART_LINES, { store })).toEqual({ status: 'full' });
    expect((await readCart(hash, store)).items).toHaveLength(MAX_CART_LINES);
  });

  it('caps a quantity and clears', async () => {
    for (let i = 0; i < MAX_QUANTITY + 2; i++) await addToCart(hash, menu('dosa-point'), 101, { store });
    expect((await readCart(hash, store)).items).toEqual([{ itemId: 101, quantity: MAX_QUANTITY }]);
    await clearCart(hash, store);
    expect(await store.exists([cartKeys.cart(hash)])).toBe(0);
  });
  it("clears the ordered cart in one step: a cart that replaced it within the clear's round trip stays", async () => {
    const dosa = menu('dosa-point');
    await addToCart(hash, dosa, 101, { store });
    const ordered = await cartToOrder(hash, store);
    expect(ordered).not.toBeNull();
    // Another tab replaces the cart right after the clear's first command has answered.
    let replace: (() => Promise<void>) | null = async () => {
      await clearCart(hash, store);
      await addToCart(hash, dosa, 102, { store });
    };
    const racing = new Proxy(store, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const hook = replace;
          replace = null;
          if (hook) await hook();
          return result;
        };
      },
    });
    await clearOrderedCart(hash, ordered!.generation, racing);
    expect(await readCart(hash, store)).toEqual({ restaurant: 'dosa-point', items: [{ itemId: 102, quantity: 1 }] });
    // And so do its prices (fault review): the clear deleted the prices hash in a second command, after
    // the new cart's ADD had written it, so checkout lost the new cart's price-change note.
    expect(await readAddedPrices(hash, store)).toEqual(new Map([[102, 6_000]]));
    // The new cart is no ordered one: clearing the old generation again leaves it too.
    await clearOrderedCart(hash, ordered!.generation, store);
    expect((await readCart(hash, store)).items).toHaveLength(1);
    // Its own generation, once ordered, clears it.
    const next = await cartToOrder(hash, store);
    expect(next!.generation).not.toBe(ordered!.generation);
    await clearOrderedCart(hash, next!.generation, store);
    expect(await readCart(hash, store)).toEqual({ restaurant: null, items: [] });
  });
});
