import 'server-only';

import { eq } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { restaurantOffers } from '@/db/schema';
import { offerColumns, offerFrom } from '@/lib/menus/queries';
import type { OfferTerms } from '@/lib/menus/types';

/** A restaurant's offer as stored (the admin form), straight from Postgres. */
export async function getOffer(restaurantId: number, db: Database = getDb()): Promise<OfferTerms | null> {
  const [row] = await db
    .select(offerColumns)
    .from(restaurantOffers)
    .where(eq(restaurantOffers.restaurantId, restaurantId));
  return row ? offerFrom(row) : null;
}
