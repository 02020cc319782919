import type { FavouriteState } from '@/lib/favourites/types';

/** The app's own shapes for menus, independent of table layout; the JSON API returns exactly these. */

export interface CitySummary {
  slug: string;
  name: string;
  restaurantCount: number;
}

export interface RestaurantSummary {
  slug: string;
  name: string;
  cuisines: string[];
  /** 0.0 to 5.0, one decimal. */
  rating: number;
  /** How many ratings the rating is the mean of. */
  ratingCount: number;
  /** The restaurant's offer, if it has one (lib/offers). */
  offer: OfferTerms | null;
  deliveryMinutes: number;
  /** Whole rupees. */
  costForTwo: number;
  pureVeg: boolean;
  isOpen: boolean;
  /**
   * When it opens ("11:00", a time of day in India), said while it is closed; null says nothing.
   * Optional: listings and menus cached before it existed lack it.
   */
  opensAt?: string | null;
  /**
   * The cover photo's URL (lib/media: immutable, for next/image with `sizes`), or null: then show
   * the cuisine's illustration (illustrationForRestaurant in lib/illustrations).
   */
  photoUrl: string | null;
}

/** An offer's terms, as stored (restaurant_offers) and as the bill applies them (lib/orders/bill.ts). */
export type OfferTerms =
  | { kind: 'percent'; percent: number; maxDiscountPaise: number; minOrderPaise: number }
  | { kind: 'flat'; flatPaise: number; minOrderPaise: number };

export interface CityRestaurants {
  city: { slug: string; name: string; state: string };
  /** Every restaurant in the city, closed ones included, in the default order (see sortRestaurants). */
  restaurants: RestaurantSummary[];
}

export interface MenuItemView {
  id: number;
  name: string;
  description: string;
  pricePaise: number;
  veg: boolean;
  available: boolean;
  bestseller: boolean;
  /** The dish photo's URL, or null: then show the category's illustration (illustrationForCategory). */
  photoUrl: string | null;
}

export interface MenuCategoryView {
  name: string;
  items: MenuItemView[];
}

export interface RestaurantMenu {
  restaurant: RestaurantSummary & {
    area: string;
    city: { slug: string; name: string };
    /** What the bill charges (lib/orders/bill.ts): the delivery fee is shown beside the delivery time before checkout. */
    deliveryFeePaise: number;
    packagingFeePaise: number;
  };
  categories: MenuCategoryView[];
}

/** What a menu page shows of one visitor: their cart and their heart (null when it can't be read). */
export interface MenuVisitor {
  cart: MenuCart;
  favourite: FavouriteState | null;
}

/**
 * What GET /api/restaurants/<slug>/visitor answers a shared menu page (lib/menus/visitor.ts): the
 * visitor's cart, and whether they saved the restaurant (`favourited` null when signed out; the
 * whole part null when it can't be read). The favourite count is in the shared page already.
 */
export interface MenuVisitorParts {
  cart: MenuCart;
  favourite: { favourited: boolean | null } | null;
}

/** A visitor's cart as a menu page shows it: this restaurant's lines priced from its menu. */
export interface MenuCart {
  lines: { itemId: number; name: string; pricePaise: number; quantity: number }[];
  totalPaise: number;
  /** The restaurant the cart holds when it is not this one (the side cart links back to it), and its dishes (the header's count). */
  elsewhere: { name: string; href: string; items: number } | null;
}
