import 'server-only';

import { cache } from 'react';

import { getDb } from '@/db/client';

import {
  loadAuditByAction,
  loadRestaurantAudit,
  loadRestaurantForEdit,
  searchRestaurants,
  type AdminCityRestaurants,
  type AdminRestaurant,
  type AuditRow,
} from './admin-queries';
import { loadCities } from './queries';
import { isSlug } from './slug';
import type { CitySummary } from './types';

/**
 * The admin pages' entry points to admin-queries.ts on the process's database (pages may not import
 * the db client). React's cache() lets a layout and its page share one read within a request.
 */

export const getAdminCities = cache((): Promise<CitySummary[]> => loadCities(getDb()));

export const getCityRestaurantsForAdmin = cache(
  (citySlug: string | null, search?: string): Promise<AdminCityRestaurants | null> => searchRestaurants(getDb(), citySlug, search),
);

export const getRestaurantForEdit = cache((slug: string): Promise<AdminRestaurant | null> => loadRestaurantForEdit(getDb(), slug));

type AdminCategory = AdminRestaurant['categories'][number];

/** One item of one restaurant, from the URL's raw slug and id (anything malformed is not found). */
export const getItemForEdit = cache(
  async (slug: string, id: string): Promise<{ restaurant: AdminRestaurant; category: AdminCategory; item: AdminCategory['items'][number] } | null> => {
    const restaurant = isSlug(slug) && /^\d{1,9}$/.test(id) ? await getRestaurantForEdit(slug) : null;
    for (const category of restaurant?.categories ?? []) {
      const item = category.items.find((candidate) => candidate.id === Number(id));
      if (item) return { restaurant: restaurant!, category, item };
    }
    return null;
  },
);

export const getRestaurantAudit = cache((restaurantId: number): Promise<AuditRow[]> => loadRestaurantAudit(getDb(), restaurantId));

export const getRecentPurges = cache((): Promise<AuditRow[]> => loadAuditByAction(getDb(), 'cache.purge', 10));
