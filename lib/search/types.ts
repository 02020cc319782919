import type { MenuItemView, RestaurantSummary } from '@/lib/menus/types';

/**
 * What a city search answers (GET /api/cities/<city>/search and searchCity()): restaurants and dishes,
 * each list ranked best first. The JSON API returns `{ restaurants, dishes }` exactly as here.
 */

/** A restaurant found by its name or one of its cuisines; no offer (an offer's save invalidates the menu and the city listing only). */
export interface RestaurantHit extends Omit<RestaurantSummary, 'offer'> {
  area: string;
  /** What the search matched: the restaurant's name, or (only) one of its cuisines. */
  matched: 'name' | 'cuisine';
}

/** A dish found by its name or (only) its description, with the restaurant that serves it. */
export interface DishHit extends MenuItemView {
  /** Its menu category, e.g. "Biryani", for the illustration and for context. */
  category: string;
  /** `opensAt`: when it opens, said while it is closed (absent from results cached before it existed). */
  restaurant: { slug: string; name: string; isOpen: boolean; opensAt?: string | null };
  matched: 'name' | 'description';
}

export interface SearchResults {
  city: { slug: string; name: string };
  restaurants: RestaurantHit[];
  dishes: DishHit[];
}
