import 'server-only';

import { eq, sql } from 'drizzle-orm';

import { cities, restaurantOffers, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { fieldErrorsOf } from '@/lib/validation/field-errors';
import { audit, commitThenInvalidate, type Actor } from '@/lib/menus/mutations';
import { offerColumns, offerFrom } from '@/lib/menus/queries';
import type { OfferTerms } from '@/lib/menus/types';

import { offerLabel } from './label';
import { offerSchema, termsOf } from './schema';

/**
 * An admin sets or removes a restaurant's offer. Like every admin write (lib/menus/mutations.ts) the
 * change, its audit entry and the keys it invalidates (the outbox, docs/decisions/018) commit in one
 * transaction, then the keys are invalidated. The offer shows on the menu and on the city's cards, so
 * exactly those two keys: search results carry no offer, and the bill reads Postgres.
 */

/** The cache keys an offer of this restaurant is part of. */
export function offerKeys(restaurant: { slug: string; citySlug: string }): string[] {
  return [keys.restaurantMenu(restaurant.slug), keys.cityRestaurants(restaurant.citySlug)];
}

export async function saveOffer(actor: Actor, slug: string, input: unknown) {
  const parsed = offerSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) } as const;
  const terms = termsOf(parsed.data);

  return commitThenInvalidate<{ offer: OfferTerms | null }>(async (tx) => {
    const [current] = await tx
      .select({ id: restaurants.id, citySlug: cities.slug })
      .from(restaurants)
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(eq(restaurants.slug, slug));
    if (!current) return { status: 'not-found' };
    const [stored] = await tx
      .select(offerColumns)
      .from(restaurantOffers)
      .where(eq(restaurantOffers.restaurantId, current.id))
      .for('update');
    const before = stored ? offerFrom(stored) : null;

    if (terms === null) {
      await tx.delete(restaurantOffers).where(eq(restaurantOffers.restaurantId, current.id));
    } else {
      const row = {
        kind: terms.kind,
        percent: terms.kind === 'percent' ? terms.percent : null,
        maxDiscountPaise: terms.kind === 'percent' ? terms.maxDiscountPaise : null,
        flatPaise: terms.kind === 'flat' ? terms.flatPaise : null,
        minOrderPaise: terms.minOrderPaise,
        updatedAt: sql`now()`,
      };
      await tx
        .insert(restaurantOffers)
        .values({ restaurantId: current.id, ...row })
        .onConflictDoUpdate({ target: restaurantOffers.restaurantId, set: row });
    }
    const invalidation = await audit(tx, {
      adminId: actor.adminId,
      action: terms ? 'offer.set' : 'offer.remove',
      restaurantId: current.id,
      target: `offer:${slug}`,
      changes: { offer: { from: before ? offerLabel(before) : null, to: terms ? offerLabel(terms) : null } },
      invalidatedKeys: offerKeys({ slug, citySlug: current.citySlug }),
    });
    return { status: 'committed', value: { offer: terms }, invalidation };
  });
}
