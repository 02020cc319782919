/** One catalogue dish, before a restaurant prices it. */
export interface Dish {
  name: string;
  veg: boolean;
  /** Whole rupees at a mid-market place (about ₹500 for two); each restaurant scales it by its own cost for two. */
  price: number;
  description: string;
}

/** A menu section as a restaurant would print it, with every dish it could plausibly list there. */
export interface CategorySpec {
  name: string;
  dishes: readonly Dish[];
}

export const veg = (name: string, price: number, description: string): Dish => ({ name, veg: true, price, description });
export const nonVeg = (name: string, price: number, description: string): Dish => ({ name, veg: false, price, description });
