/** Shapes the favourites pages and components share; no data access here. */

/** A restaurant as the customer's favourites list shows it (/account). */
export interface FavouriteRestaurant {
  slug: string;
  name: string;
  area: string;
  city: { slug: string; name: string };
  /** When the customer saved it. */
  savedAt: Date;
}

/** The heart on a menu page: how many customers saved the restaurant, and whether this one did. */
export interface FavouriteState {
  count: number;
  /** Null when nobody is signed in (the page then offers to sign in instead of a toggle). */
  favourited: boolean | null;
}

/** What the favourite form's server action hands back to it: the state saved, or a message. */
export interface FavouriteFormState {
  message?: string;
  saved?: { favourited: boolean; count: number };
}

/** The admin dashboard's favourites tile. */
export interface FavouriteDashboard {
  /** Favourites across all restaurants (the sum of the per-restaurant counts). */
  total: number;
  /** The most favourited restaurants, most first (ties by slug). */
  topRestaurants: { slug: string; name: string; citySlug: string; cityName: string; favourites: number }[];
}
