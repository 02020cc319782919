import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { admins, auditLog, cacheInvalidations, cities, restaurantOffers, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { addToCart } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import type { Actor } from '@/lib/menus/mutations';
import { saveOffer } from '@/lib/offers/mutations';
import { placeOrder } from '@/lib/orders/checkout';

import { testAddress } from '../support/addresses';
import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { orderableItem } from '../support/menus';

/**
 * Offers on every Redis driver with its database: an admin's save invalidates exactly the menu and the
 * city's list (through the outbox, recorded in the audit entry), both show the offer at once, the
 * bill applies it from Postgres, and an invalid offer changes nothing.
 */

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('restaurant offers'), () => {
    const backends = setUpBackends(pair, { label: 'offers', env: { REDIS_TIMEOUT_MS: '5000' } });
    let actor: Actor;
    let restaurant: { id: number; slug: string; citySlug: string };
    let itemId: number;

    beforeAll(async () => {
      const [admin] = await backends.db.db
        .insert(admins)
        .values({ email: `offers-${pair.driver.name}@thali.test`, name: 'Offers Test', passwordHash: 'unused' })
        .returning({ id: admins.id });
      actor = { adminId: admin!.id };
      const found = await orderableItem(backends.db.db);
      itemId = found.itemId;
      const [city] = await backends.db.db
        .select({ slug: cities.slug })
        .from(restaurants)
        .innerJoin(cities, eq(cities.id, restaurants.cityId))
        .where(eq(restaurants.id, found.restaurant.id));
      restaurant = { ...found.restaurant, citySlug: city!.slug };
    });

    afterAll(async () => {
      await backends.db.db.delete(restaurantOffers).where(eq(restaurantOffers.restaurantId, restaurant.id));
      await backends.db.db.delete(auditLog).where(eq(auditLog.adminId, actor.adminId));
      await backends.db.db.delete(admins).where(eq(admins.id, actor.adminId));
    });

    it('invalidates exactly the menu and the city list, which then show the offer', async () => {
      // Warm both entries: they must not keep serving the offer-less versions.
      expect((await getRestaurantMenu(restaurant.slug)).value!.restaurant.offer).toBeNull();
      await getCityRestaurants(restaurant.citySlug);
      const outcome = await saveOffer(actor, restaurant.slug, { kind: 'percent', percent: '20', maxDiscount: '100', minOrder: '0' });
      expect(outcome.status).toBe('saved');
      if (outcome.status !== 'saved') return;
      const expected = [keys.restaurantMenu(restaurant.slug), keys.cityRestaurants(restaurant.citySlug)];
      expect(outcome.invalidation).toEqual({ keys: expected, ok: true });
      const [entry] = await backends.db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId));
      expect(entry).toMatchObject({ action: 'offer.set', target: `offer:${restaurant.slug}`, invalidatedKeys: expected });
      const [row] = await backends.db.db.select().from(cacheInvalidations).where(eq(cacheInvalidations.auditId, entry!.id));
      expect(row!.appliedAt).not.toBeNull();

      const offer = { kind: 'percent', percent: 20, maxDiscountPaise: 10_000, minOrderPaise: 0 };
      expect((await getRestaurantMenu(restaurant.slug)).value!.restaurant.offer).toEqual(offer);
      const city = await getCityRestaurants(restaurant.citySlug);
      expect(city.value!.restaurants.find((r) => r.slug === restaurant.slug)!.offer).toEqual(offer);
    });

    it('applies the offer in the bill, from Postgres', async () => {
      await saveOffer(actor, restaurant.slug, { kind: 'flat', flat: '50', minOrder: '0' });
      const customerId = await customerIdFor(`9197${String(Date.now()).slice(-8)}`, backends.db.db);
      const { value: menu } = await getRestaurantMenu(restaurant.slug);
      await addToCart(cartOwners.customer(customerId), menu!, itemId);
      const result = await placeOrder(
        { customerId },
        { addressId: await testAddress(backends.db.db, customerId), idempotencyKey: `offer-${Date.now()}-${pair.driver.name}` },
        { enqueue: async () => {} },
      );
      expect(result.status).toBe('placed');
      if (result.status !== 'placed') return;
      const order = result.order;
      expect(order.discountPaise).toBe(Math.min(5_000, order.itemTotalPaise!));
      expect(order.offerLabel).toBe('₹50 OFF');
      expect(order.totalPaise).toBe(order.itemTotalPaise! - order.discountPaise! + order.deliveryFeePaise! + order.packagingFeePaise! + order.gstPaise!);
    });

    it('refuses an invalid offer and changes nothing; removing one invalidates the same two keys', async () => {
      const before = await backends.db.db.select().from(restaurantOffers).where(eq(restaurantOffers.restaurantId, restaurant.id));
      for (const input of [
        { kind: 'percent', percent: '95', maxDiscount: '100', minOrder: '0' },
        { kind: 'percent', percent: '10', maxDiscount: '', minOrder: '0' },
        { kind: 'flat', flat: '-5', minOrder: '0' },
        { kind: 'bogo' },
        null,
      ]) {
        expect((await saveOffer(actor, restaurant.slug, input)).status).toBe('invalid');
      }
      expect(await backends.db.db.select().from(restaurantOffers).where(eq(restaurantOffers.restaurantId, restaurant.id))).toEqual(before);
      expect((await saveOffer(actor, 'no-such-restaurant', { kind: 'none' })).status).toBe('not-found');
      const removed = await saveOffer(actor, restaurant.slug, { kind: 'none' });
      expect(removed).toMatchObject({ status: 'saved', invalidation: { keys: [keys.restaurantMenu(restaurant.slug), keys.cityRestaurants(restaurant.citySlug)] } });
      expect((await getRestaurantMenu(restaurant.slug)).value!.restaurant.offer).toBeNull();
    });
  });
}
