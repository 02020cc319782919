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

export const getRestaurantAudit = cache((restaurantId: number): Promise<AuditRow[]> => loadRestaurantAudit(getDb(), restaurantId));

export const getRecentPurges = cache((): Promise<AuditRow[]> => loadAuditByAction(getDb(), 'cache.purge', 10));
