import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { saveAddress } from '@/lib/addresses/addresses';
import { deleteAddress, updateAddress } from '@/lib/addresses/edit';
import { addAdmin, changeAdminPassword, deleteAdmin, setAdminDisabled } from '@/lib/admin/team';
import { addToCart, readCart } from '@/lib/cart/cart';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { changeFavourite } from '@/lib/favourites/change';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { createMenuItem, deleteMenuItem, updateMenuItem, updateRestaurant } from '@/lib/menus/mutations';
import { placeOrder } from '@/lib/orders/checkout';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';

import { installBackends } from '../support/app-context';
import { createTestPglite } from '../support/databases';

/**
 * Property: invalid input to any write (admin menu edits, the Team page, favourites, the cart,
 * checkout) is answered, never thrown, and leaves Postgres exactly as it was. Inputs are invalid by
 * construction: an invisible or overlong name, a price past the maximum or not a price, a version
 * or id Postgres could not compare, a wrong type; everything else about them is arbitrary.
 */
const invisible = fc.constantFrom('', ' ', '\u200B', '\u200B\u200C', '\uFEFF', '\u2060', '\u3000', '\u0301');
const notAPrice = fc.oneof(fc.constantFrom('100000.01', '999999', '0', '-5', '1e3', '12.345', 'NaN', ''), fc.string().filter((text) => !/^\d{1,6}(\.\d{1,2})?$/.test(text.trim())));
// Text that is no id: fc.string() alone sometimes yields "1" (or " 1", "0x1": the schemas coerce with
// Number), a real row, and the write then went through (a foreign-key error on the audit row, or
// "refused" for the actor's own admin) instead of being refused as invalid.
const notAnInteger = fc.string().filter((text) => !(Number.isInteger(Number(text)) && Number(text) > 0));
const badInteger = fc.oneof(fc.constantFrom(0, -1, 1.5, 2_147_483_648, Number.MAX_SAFE_INTEGER, NaN), notAnInteger, fc.constant(null), fc.object());
const anyValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
/** Any value as text, the way a form or key would carry it. */
const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

describe('writes refuse invalid input and write nothing (PGlite + in-process store)', () => {
  let database: DatabaseHandle;
  let redis: RedisStore;
  let slug: string;
  let itemId: number;
  let categoryId: number;

  /** Every row a write could touch, as one digest. */
  async function digest(): Promise<string> {
    const tables = ['restaurants', 'menu_items', 'admins', 'audit_log', 'favourites', 'orders', 'order_items'];
    const rows = await Promise.all(
      tables.map((table) => database.db.execute<{ d: string }>(sql.raw(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from ${table} t`))),
    );
    return rows.map((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { d: string }[] }).rows)[0]!.d).join('|');
  }

  beforeAll(async () => {
    database = await createTestPglite();
    redis = createMemoryStore();
    installBackends({ redis, database, env: { REDIS_KEY_PREFIX: 'properties:' } });
    const first = await database.db.execute<{ slug: string; item: number; category: number }>(
      sql`select r.slug, i.id as item, i.category_id as category from restaurants r join menu_items i on i.restaurant_id = r.id order by i.id limit 1`,
    );
    const row = (Array.isArray(first) ? first : (first as unknown as { rows: { slug: string; item: number; category: number }[] }).rows)[0]!;
    ({ slug } = row);
    itemId = row.item;
    categoryId = row.category;
  });

  const actor = { adminId: 1 };

  it('admin menu edits', async () => {
    const before = await digest();
    const invalidItem = fc.oneof(
      fc.record({ name: invisible, price: fc.constant('120'), categoryId: fc.constant(String(categoryId)), version: fc.constant('1'), description: anyValue }),
      fc.record({ name: fc.constant('Dosa'), price: notAPrice, categoryId: fc.constant(String(categoryId)), version: fc.constant('1') }),
      fc.record({ name: fc.constant('Dosa'), price: fc.constant('120'), categoryId: badInteger, version: fc.constant('1') }),
      fc.record({ name: fc.string({ minLength: 81, maxLength: 120 }).filter((text) => text.trim().length > 80), price: fc.constant('120'), categoryId: fc.constant(String(categoryId)), version: fc.constant('1') }),
    );
    await fc.assert(
      fc.asyncProperty(badInteger, async (version) => {
        expect((await deleteMenuItem(actor, itemId, { version })).status).not.toBe('saved');
      }),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(invalidItem, async (input) => {
        expect((await createMenuItem(actor, slug, input)).status).not.toBe('saved');
        expect((await updateMenuItem(actor, itemId, input)).status).not.toBe('saved');
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(badInteger, async (version) => {
        const input = { name: 'Dosa', price: '120', categoryId: String(categoryId), version };
        expect((await updateMenuItem(actor, itemId, input)).status).not.toBe('saved');
      }),
      { numRuns: 30 },
    );
    const invalidRestaurant = fc.oneof(
      fc.record({ name: invisible, cuisines: fc.constant('Thai'), version: fc.constant('1'), isOpen: anyValue }),
      fc.record({ name: fc.constant('Ok'), cuisines: fc.array(invisible).map((list) => list.join(',')), version: fc.constant('1') }),
      fc.record({ name: fc.constant('Ok'), cuisines: fc.constant('Thai'), version: badInteger }),
    );
    await fc.assert(
      fc.asyncProperty(invalidRestaurant, async (input) => {
        expect((await updateRestaurant(actor, slug, input)).status).not.toBe('saved');
      }),
      { numRuns: 60 },
    );
    expect(await digest()).toBe(before);
  });

  it('the Team page', async () => {
    const before = await digest();
    const invalidAdmin = fc.oneof(
      fc.record({ email: fc.constant('new@thali.test'), name: invisible, password: fc.constant('long-enough-password'), confirmPassword: fc.constant('long-enough-password') }),
      fc.record({ email: fc.string().filter((text) => !text.includes('@')), name: fc.constant('New'), password: fc.constant('long-enough-password'), confirmPassword: fc.constant('long-enough-password') }),
      fc.record({ email: fc.constant('new@thali.test'), name: fc.constant('New'), password: fc.string({ maxLength: 11 }), confirmPassword: anyValue }),
      fc.record({ email: anyValue, name: anyValue, password: anyValue, confirmPassword: anyValue }).filter((input) => typeof input.password !== 'string' || input.password !== input.confirmPassword),
    );
    await fc.assert(
      fc.asyncProperty(invalidAdmin, badInteger, async (input, id) => {
        expect((await addAdmin(actor.adminId, input)).status).toBe('invalid');
        expect((await setAdminDisabled(actor.adminId, id, true)).status).toBe('not-found');
        expect((await deleteAdmin(actor.adminId, id)).status).toBe('not-found');
        expect(['not-found', 'invalid']).toContain((await changeAdminPassword(actor.adminId, id, input)).status);
      }),
      { numRuns: 15 },
    );
    expect(await digest()).toBe(before);
  });

  it('saved addresses: bad ids, bad fields, someone else’s address', async () => {
    const owner = await customerIdFor('9811100001', database.db);
    const other = await customerIdFor('9811100002', database.db);
    const home = { label: 'Home', line1: '12 MG Road', line2: '', city: 'Bengaluru', pin: '560001' };
    const saved = await saveAddress(owner, home, database.db);
    if (saved.status !== 'saved') throw new Error('fixture address not saved');
    const rows = () => database.db.execute(sql`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from customer_addresses t`);
    const before = JSON.stringify(await rows());
    const notAPin = fc.oneof(fc.constantFrom('012345', '56001', '5600011', '56OO01', '', '５６０００１'), fc.string().filter((pin) => !/^[1-9][0-9]{5}$/.test(pin.replace(/\s+/g, ''))));
    const invalidAddress = fc.oneof(
      fc.record({ label: invisible, line1: fc.constant('12 MG Road'), line2: fc.constant(''), city: fc.constant('Pune'), pin: fc.constant('411001') }),
      fc.record({ label: fc.constant('Home'), line1: fc.constant('12 MG Road'), line2: fc.constant(''), city: fc.constant('Pune'), pin: notAPin }),
      fc.record({ label: fc.constant('Home'), line1: fc.constant('12 MG Road'), line2: fc.constant('a\nb'), city: fc.constant('Pune'), pin: fc.constant('411001') }),
      anyValue,
    );
    await fc.assert(
      fc.asyncProperty(badInteger, invalidAddress, async (id, input) => {
        expect((await updateAddress(owner, id, home, database.db)).status).toBe('not-found');
        expect((await deleteAddress(owner, id, database.db)).status).toBe('not-found');
        expect((await updateAddress(owner, saved.address.id, input, database.db)).status).toBe('invalid');
        // Another customer's real id is "not found" whatever the input.
        expect((await updateAddress(other, saved.address.id, home, database.db)).status).toBe('not-found');
        expect((await deleteAddress(other, saved.address.id, database.db)).status).toBe('not-found');
      }),
      { numRuns: 60 },
    );
    expect(JSON.stringify(await rows())).toBe(before);
  });

  it('favourites, the cart and checkout', async () => {
    const before = await digest();
    const { value: menu } = await getRestaurantMenu(slug);
    await fc.assert(
      fc.asyncProperty(anyValue, anyValue, fc.oneof(badInteger, fc.integer()), anyValue, async (restaurantSlug, favourite, item, key) => {
        const changed = await changeFavourite({ customerId: 1, restaurantSlug, favourite }, { limiter: null });
        if (changed.ok) expect(typeof favourite === 'boolean' || favourite === 'true' || favourite === 'false').toBe(true);
        if (typeof item === 'number' && menu) await addToCart('property-session', menu, item);
        // Garbage in the cart's hash (as a stale or hand-edited key would hold) must not break reading it.
        await redis.hset(cartKeys.cart(cartOwners.customer(1)), { restaurant: text(restaurantSlug), [`item:${text(restaurantSlug)}:${text(item)}`]: text(key) });
        await readCart(cartOwners.customer(1));
        const order = await placeOrder(
          { customerId: 1 },
          { addressId: typeof item === 'number' ? item : 1, instructions: text(favourite), idempotencyKey: text(key) },
          { enqueue: async () => {} },
        );
        expect(order.status).not.toBe('placed');
      }),
      { numRuns: 60 },
    );
    // changeFavourite may have saved a valid favourite; nothing else.
    const after = await digest();
    expect(after.split('|').filter((part, i) => i !== 4)).toEqual(before.split('|').filter((part, i) => i !== 4));
  });
});
