import type { RestaurantSummary } from '@/lib/menus/types';

/**
 * The city page's filters and sort order, read from and written to the URL search params
 * (`?veg=1&rating=4&cuisine=North%20Indian&sort=rating`). Pure functions: no data access, no mutation.
 */

export const SORT_OPTIONS = ['relevance', 'rating', 'delivery', 'cost'] as const;
export type SortOption = (typeof SORT_OPTIONS)[number];

/** "Rating 4.0+": the bar Swiggy's and Zomato's chip of that name sets. */
export const TOP_RATED_MIN = 4;

export interface ListingParams {
  vegOnly: boolean;
  /** Only restaurants rated TOP_RATED_MIN or more (`?rating=4`); absent when off, like `cuisine`. */
  topRated?: true;
  cuisine?: string;
  sort: SortOption;
}

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export const DEFAULT_LISTING: ListingParams = { vegOnly: false, sort: 'relevance' };

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
const MAX_CUISINE_LENGTH = 64;
/** `rating=4` is what the chip writes; the others are what a hand-typed or shared URL may say. */
const TOP_RATED_SPELLINGS = new Set(['4', '4.0', '4+', '4.0+']);

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isSortOption(value: string): value is SortOption {
  return (SORT_OPTIONS as readonly string[]).includes(value);
}

/** Tolerant: anything unknown or malformed falls back to the default, and it never throws. */
export function parseListingParams(searchParams: SearchParamsRecord): ListingParams {
  const veg = firstValue(searchParams.veg)?.trim().toLowerCase();
  const rating = firstValue(searchParams.rating)?.trim();
  const sort = firstValue(searchParams.sort)?.trim().toLowerCase();
  const cuisine = firstValue(searchParams.cuisine)?.trim().replace(/\s+/g, ' ');

  const params: ListingParams = {
    vegOnly: veg !== undefined && TRUTHY.has(veg),
    sort: sort !== undefined && isSortOption(sort) ? sort : 'relevance',
  };
  if (rating !== undefined && TOP_RATED_SPELLINGS.has(rating)) params.topRated = true;
  if (cuisine && cuisine.length <= MAX_CUISINE_LENGTH) params.cuisine = cuisine;
  return params;
}

/** The search string for a set of params, defaults omitted: "" or "?veg=1&sort=rating". */
export function listingSearch(params: ListingParams): string {
  const query = new URLSearchParams();
  if (params.vegOnly) query.set('veg', '1');
  if (params.topRated) query.set('rating', String(TOP_RATED_MIN));
  if (params.cuisine) query.set('cuisine', params.cuisine);
  if (params.sort !== 'relevance') query.set('sort', params.sort);
  const search = query.toString();
  return search ? `?${search}` : '';
}

export function hasActiveFilters(params: ListingParams): boolean {
  return params.vegOnly || params.topRated === true || params.cuisine !== undefined || params.sort !== 'relevance';
}

/** Slugs are ASCII; compare by code unit so the order is the same everywhere (like COLLATE "C"). */
function compareSlugs(a: RestaurantSummary, b: RestaurantSummary): number {
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** Open restaurants before closed ones, whatever else the sort is. */
function compareOpenFirst(a: RestaurantSummary, b: RestaurantSummary): number {
  return Number(b.isOpen) - Number(a.isOpen);
}

/** The default order, and the order the API returns: open first, then rating descending, then slug. */
export function compareByRelevance(a: RestaurantSummary, b: RestaurantSummary): number {
  return compareOpenFirst(a, b) || b.rating - a.rating || compareSlugs(a, b);
}

const COMPARATORS: Record<SortOption, (a: RestaurantSummary, b: RestaurantSummary) => number> = {
  relevance: compareByRelevance,
  // Same keys as relevance, spelled out so the two can diverge without surprises.
  rating: (a, b) => compareOpenFirst(a, b) || b.rating - a.rating || compareSlugs(a, b),
  delivery: (a, b) => compareOpenFirst(a, b) || a.deliveryMinutes - b.deliveryMinutes || compareSlugs(a, b),
  cost: (a, b) => compareOpenFirst(a, b) || a.costForTwo - b.costForTwo || compareSlugs(a, b),
};

/** A sorted copy; the input is left as it was. */
export function sortRestaurants(list: readonly RestaurantSummary[], sort: SortOption): RestaurantSummary[] {
  return [...list].sort(COMPARATORS[sort]);
}

const isTopRated = (restaurant: RestaurantSummary) => restaurant.rating >= TOP_RATED_MIN;

/** Filters (Pure Veg, Rating 4.0+, one cuisine matched case-insensitively), then sorts. Returns a new array. */
export function applyListing(restaurants: readonly RestaurantSummary[], params: ListingParams): RestaurantSummary[] {
  const { cuisine } = params;
  const filtered = restaurants.filter(
    (restaurant) =>
      (!params.vegOnly || restaurant.pureVeg) &&
      (!params.topRated || isTopRated(restaurant)) &&
      (cuisine === undefined || restaurant.cuisines.some((name) => isSameCuisine(cuisine, name))),
  );
  return sortRestaurants(filtered, params.sort);
}

/** What "No restaurants match these filters" advises, naming the filters that are on. */
export function emptyListingAdvice(params: ListingParams): string {
  const on = [params.vegOnly && 'Pure Veg', params.topRated && `Rating ${TOP_RATED_MIN.toFixed(1)}+`].filter((name): name is string => typeof name === 'string');
  if (params.cuisine) return on.length > 0 ? `Try another cuisine, or turn off ${on.join(' or ')}.` : 'Nobody here serves that cuisine yet. Try another one.';
  if (on.length === 2) return 'No Pure Veg restaurant here is rated 4.0 or more yet. Turn off one of them to see more.';
  if (params.topRated) return 'No restaurant here is rated 4.0 or more yet. Turn off Rating 4.0+ to see the rest.';
  return 'No Pure Veg restaurants here yet. Turn off Pure Veg to see the rest.';
}

/** Every cuisine served in the city, once each (first spelling wins), alphabetically. */
export function listCuisines(restaurants: readonly RestaurantSummary[]): string[] {
  const byKey = new Map<string, string>();
  for (const restaurant of restaurants) {
    for (const raw of restaurant.cuisines) {
      const name = raw.trim().replace(/\s+/g, ' ');
      const key = cuisineKey(name);
      if (name && !byKey.has(key)) byKey.set(key, name);
    }
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

/** True when `cuisine` names the same cuisine as `other`, ignoring case and surrounding spaces. */
export function isSameCuisine(cuisine: string | undefined, other: string): boolean {
  return cuisine !== undefined && cuisineKey(cuisine) === cuisineKey(other);
}

function cuisineKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export interface FilterChoices {
  /** How many restaurants Pure Veg shows together with the other filters. */
  pureVeg: number;
  /** How many restaurants Rating 4.0+ shows together with the other filters. */
  topRated: number;
  /** The cuisines that still show something with the other filters on, each with that count, alphabetically. */
  cuisines: { name: string; count: number }[];
}

/**
 * What each filter chip would show with the other filters kept, so no chip leads to "Showing 0 of N".
 * A cuisine with nothing left is left out, except the selected one (it must stay to be turned off).
 */
export function filterChoices(restaurants: readonly RestaurantSummary[], params: ListingParams): FilterChoices {
  const matchesVeg = (restaurant: RestaurantSummary) => !params.vegOnly || restaurant.pureVeg;
  const matchesRating = (restaurant: RestaurantSummary) => !params.topRated || isTopRated(restaurant);
  const { cuisine } = params;
  const matchesCuisine = (restaurant: RestaurantSummary) => cuisine === undefined || restaurant.cuisines.some((c) => isSameCuisine(cuisine, c));
  const cuisines = listCuisines(restaurants)
    .map((name) => ({
      name,
      count: restaurants.filter((r) => matchesVeg(r) && matchesRating(r) && r.cuisines.some((c) => isSameCuisine(name, c))).length,
    }))
    .filter(({ name, count }) => count > 0 || isSameCuisine(params.cuisine, name));
  const pureVeg = restaurants.filter((r) => r.pureVeg && matchesRating(r) && matchesCuisine(r)).length;
  const topRated = restaurants.filter((r) => isTopRated(r) && matchesVeg(r) && matchesCuisine(r)).length;
  return { pureVeg, topRated, cuisines };
}
