import type { CategorySpec } from './dish';
import { NORTH } from './dishes-north';
import { SNACKS } from './dishes-snacks';
import { SOUTH } from './dishes-south';
import { WORLD } from './dishes-world';

export const CATALOGUE = { ...NORTH, ...SOUTH, ...WORLD, ...SNACKS } satisfies Record<string, CategorySpec>;

export type CategoryKey = keyof typeof CATALOGUE;

/**
 * The order sections appear in on a printed menu: snacks and starters, then mains, breads and rice,
 * sweets and drinks last. Typed as a full record so adding a section without placing it fails to compile.
 */
const RANK: Record<CategoryKey, number> = {
  soups: 0, starters: 1, chineseStarters: 2, kebabs: 3, cabin: 4, chaat: 5, farsan: 6, streetfood: 7,
  momos: 8, breakfast: 9, dosa: 10, idli: 11, pizza: 12, pasta: 13, burgers: 14, sides: 15, rolls: 16,
  biryani: 17, main: 18, mughlai: 19, bengali: 20, gujarati: 21, andhra: 22, chettinad: 23, kerala: 24,
  seafood: 25, coastalCurries: 26, chineseMains: 27, thalis: 28, southMeals: 29, breads: 30, southBreads: 31,
  rotli: 32, luchi: 33, rice: 34, noodles: 35, friedRice: 36, desserts: 37, southDesserts: 38, mishti: 39,
  cafeDesserts: 40, sweets: 41, beverages: 42, southBeverages: 43, cafeDrinks: 44,
};

export const menuRank = (key: CategoryKey): number => RANK[key];

/**
 * The cuisine tag a section earns the restaurant, as listing apps print it ("Biryani, Kebabs, Desserts").
 * Breads and plain rice are sides of some other cuisine, so they earn none.
 */
export const CUISINE_OF: Record<CategoryKey, string | null> = {
  soups: 'Chinese', starters: 'North Indian', chineseStarters: 'Chinese', kebabs: 'Kebabs', cabin: 'Snacks',
  chaat: 'Chaat', farsan: 'Snacks', streetfood: 'Street Food', momos: 'Momos', breakfast: 'Continental',
  dosa: 'South Indian', idli: 'South Indian', pizza: 'Pizzas', pasta: 'Italian', burgers: 'Burgers',
  sides: 'Fast Food', rolls: 'Rolls & Wraps', biryani: 'Biryani', main: 'North Indian', mughlai: 'Mughlai',
  bengali: 'Bengali', gujarati: 'Gujarati', andhra: 'Andhra', chettinad: 'Chettinad', kerala: 'Kerala',
  seafood: 'Seafood', coastalCurries: 'Coastal', chineseMains: 'Chinese', thalis: 'Thalis',
  southMeals: 'South Indian', breads: null, southBreads: null, rotli: null, luchi: null, rice: null,
  noodles: 'Chinese', friedRice: 'Chinese', desserts: 'Desserts', southDesserts: 'Desserts', mishti: 'Sweets',
  cafeDesserts: 'Desserts', sweets: 'Sweets', beverages: 'Beverages', southBeverages: 'Beverages',
  cafeDrinks: 'Beverages',
};
