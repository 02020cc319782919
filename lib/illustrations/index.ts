import { ILLUSTRATION_FILES, type IllustrationName } from './files';
import { ILLUSTRATIONS_PATH } from './paths';

/**
 * Which drawing stands for a restaurant or a menu section when it has no photo of its own. Pure and
 * tiny, so pages and client components can call it: it answers a URL of a static file in
 * public/illustrations, whose name carries its content's hash (served with an immutable
 * Cache-Control, next.config.ts). The art is made by scripts/illustrations (`npm run illustrations`).
 */

export type { IllustrationName };

/** Every cuisine tag and menu section the seed vocabulary uses (db/seed-vocabulary), lowercase. */
const CUISINES: Record<string, IllustrationName> = {
  biryani: 'biryani', mughlai: 'korma', 'north indian': 'curry', punjabi: 'tandoori', 'south indian': 'dosa',
  chinese: 'noodles', pizzas: 'pizza', italian: 'pasta', cafe: 'coffee', chaat: 'chaat', 'street food': 'pav-bhaji',
  'fast food': 'burger', thalis: 'thali', gujarati: 'thali', sweets: 'gulab-jamun', snacks: 'samosa',
  'rolls & wraps': 'roll', momos: 'momos', tibetan: 'momos', bengali: 'fish-curry', kerala: 'kerala',
  chettinad: 'chettinad', andhra: 'meals', seafood: 'fish', coastal: 'fish-curry', kebabs: 'kebab',
  continental: 'breakfast', burgers: 'burger', desserts: 'ice-cream', beverages: 'drinks',
};

const CATEGORIES: Record<string, IllustrationName> = {
  recommended: 'recommended', biryani: 'biryani', starters: 'tandoori', kebabs: 'kebab', 'main course': 'curry',
  'mughlai curries': 'korma', breads: 'bread', rice: 'rice', rolls: 'roll', thalis: 'thali', chaat: 'chaat',
  'street food': 'pav-bhaji', farsan: 'dhokla', 'gujarati specials': 'thali', 'rotli & thepla': 'bread',
  'bengali specials': 'fish-curry', 'cabin snacks': 'samosa', 'luchi & rice': 'luchi', desserts: 'ice-cream',
  mishti: 'rasgulla', mithai: 'gulab-jamun', beverages: 'drinks', dosa: 'dosa', 'idli & vada': 'idli',
  'rice & meals': 'meals', 'chettinad specials': 'chettinad', 'andhra specials': 'chettinad',
  'kerala specials': 'kerala', 'parotta & appam': 'parotta', seafood: 'fish', 'coastal curries': 'fish-curry',
  soups: 'soup', 'chinese starters': 'manchurian', noodles: 'noodles', 'fried rice': 'fried-rice',
  'chinese main course': 'manchurian', momos: 'momos', pizza: 'pizza', pasta: 'pasta', sides: 'fries',
  'burgers & sandwiches': 'burger', 'all day breakfast': 'breakfast', 'coffee & shakes': 'coffee',
};

/** For names an admin makes up ("Chef's Biryanis", "Tandoori Platters"): the first word that fits. */
const KEYWORDS: [RegExp, IllustrationName][] = [
  [/biry?ani|pulao/, 'biryani'], [/dosa|uttapam/, 'dosa'], [/idli|vada/, 'idli'], [/pizza/, 'pizza'],
  [/pasta|italian/, 'pasta'], [/burger|sandwich/, 'burger'], [/momo|dumpling/, 'momos'], [/noodle|chowmein/, 'noodles'],
  [/fried rice/, 'fried-rice'], [/soup/, 'soup'], [/roll|wrap|kathi/, 'roll'], [/kebab|kabab|tikka|grill/, 'kebab'],
  [/tandoor/, 'tandoori'], [/thali|meal/, 'thali'], [/fish|prawn|sea|coastal/, 'fish'], [/curr|masala|gravy/, 'curry'],
  [/bread|naan|roti|paratha|kulcha/, 'bread'], [/rice/, 'rice'], [/ice cream|dessert|kulfi|sundae/, 'ice-cream'],
  [/sweet|mithai|jamun|halwa/, 'gulab-jamun'], [/coffee|tea|chai|cafe|café/, 'coffee'],
  [/drink|juice|lassi|shake|beverage|soda/, 'drinks'], [/chaat|puri/, 'chaat'], [/samosa|snack|pakora/, 'samosa'],
  [/breakfast|egg/, 'breakfast'], [/fries|sides/, 'fries'],
];

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

function byKeyword(name: string): IllustrationName | undefined {
  return KEYWORDS.find(([pattern]) => pattern.test(key(name)))?.[1];
}

export function illustrationUrl(name: IllustrationName): string {
  return `${ILLUSTRATIONS_PATH}/${ILLUSTRATION_FILES[name]}`;
}

/** The drawing for one cuisine tag, or undefined when neither its name nor a word in it is known. */
export function illustrationNameForCuisine(cuisine: string): IllustrationName | undefined {
  return CUISINES[key(cuisine)] ?? byKeyword(cuisine);
}

export function illustrationNameForCategory(category: string): IllustrationName {
  return CATEGORIES[key(category)] ?? byKeyword(category) ?? 'default';
}

/** A restaurant's drawing: its first cuisine that has one (cuisines lead with the signature), else a plate. */
export function illustrationForRestaurant(restaurant: { cuisines: readonly string[] }): string {
  const name = restaurant.cuisines.map(illustrationNameForCuisine).find((found) => found !== undefined);
  return illustrationUrl(name ?? 'default');
}

export function illustrationForCuisine(cuisine: string): string {
  return illustrationUrl(illustrationNameForCuisine(cuisine) ?? 'default');
}

/** A menu section's drawing (and a dish's, when it has no photo). */
export function illustrationForCategory(category: string): string {
  return illustrationUrl(illustrationNameForCategory(category));
}

/**
 * A dish found by a search, without a photo: a word of its own name ("Chicken Dum Biryani"), else its
 * section's drawing. The section alone drew a Recommended biryani as a star, its section's drawing.
 */
export function illustrationForDish(dish: { name: string; category: string }): string {
  return illustrationUrl(byKeyword(dish.name) ?? illustrationNameForCategory(dish.category));
}

/** A city card's skyline: the city's own (drawn for every seeded city), else a generic one. */
export function skylineForCity(citySlug: string): string {
  const own = `skyline-${citySlug}`;
  return illustrationUrl(own in ILLUSTRATION_FILES ? (own as IllustrationName) : 'skyline');
}
