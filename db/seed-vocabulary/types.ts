/**
 * Generated seed rows, nested the way a menu is read (city → restaurant → section → dish). Field names
 * match the Drizzle insert types so db/seed.ts maps them onto columns without renaming anything.
 */
export interface SeedItem {
  name: string;
  description: string;
  /** Integer paise. */
  pricePaise: number;
  veg: boolean;
  available: boolean;
  bestseller: boolean;
  /** 0-based within its category. */
  position: number;
}

export interface SeedCategory {
  name: string;
  /** 0-based within its restaurant. */
  position: number;
  items: SeedItem[];
}

export interface SeedRestaurant {
  slug: string;
  name: string;
  area: string;
  cuisines: string[];
  rating: number;
  deliveryMinutes: number;
  /** Whole rupees, a multiple of 50. */
  costForTwo: number;
  pureVeg: boolean;
  isOpen: boolean;
  categories: SeedCategory[];
}

export interface SeedCity {
  slug: string;
  name: string;
  state: string;
  restaurants: SeedRestaurant[];
}
