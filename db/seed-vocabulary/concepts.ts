import type { CategoryKey } from './catalogue';

/**
 * A kind of restaurant (biryani house, Udupi tiffin room, Kolkata roll shop...). Its menu sections and
 * price band come from the kind, so a generated place never serves dosa next to Kosha Mangsho by accident.
 */
export interface ConceptSpec {
  /** Relative frequency before the city's favour multiplier. */
  weight: number;
  /** 'always': every such place is pure veg; 'optional': some are; 'never': none is. */
  veg: 'always' | 'optional' | 'never';
  /** Leading cuisine tags; more are derived from the sections actually on the menu. */
  cuisines: readonly string[];
  /** Sections every such restaurant has; the first is its signature and leads the menu. */
  core: readonly CategoryKey[];
  /** Sections some have, added until the menu reaches its target size. */
  extra: readonly CategoryKey[];
  /** Cost for two in rupees, inclusive; kept within ₹150–₹1200. */
  cost: readonly [number, number];
  /** Name patterns: {pool} is filled from NAME_POOLS, {local} from the city. */
  names: readonly string[];
}

export const CONCEPTS = {
  biryani: {
    weight: 3, veg: 'never', cuisines: ['Biryani'],
    core: ['biryani', 'starters', 'desserts'],
    extra: ['kebabs', 'main', 'breads', 'rice', 'beverages', 'rolls'],
    cost: [300, 800],
    names: ['{royal} Biryani House', "{person}'s Biryani", '{royal} Dum Biryani', '{person} Biryani Point', '{local} Biryani Centre'],
  },
  mughlai: {
    weight: 1.5, veg: 'never', cuisines: ['Mughlai', 'North Indian'],
    core: ['kebabs', 'mughlai', 'breads', 'biryani'],
    extra: ['starters', 'main', 'desserts', 'beverages', 'rolls', 'rice'],
    cost: [500, 1200],
    names: ['{royal} Kebab Corner', "{royal}'s Darbar", '{royal} Dastarkhwan', '{local} Mughlai Kitchen', 'Al {royal}'],
  },
  northindian: {
    weight: 3, veg: 'optional', cuisines: ['North Indian'],
    core: ['main', 'starters', 'breads', 'rice'],
    extra: ['desserts', 'beverages', 'biryani', 'soups', 'chineseStarters', 'thalis', 'kebabs'],
    cost: [350, 1000],
    names: ["{person}'s Kitchen", '{evoc} Junction', '{person} Family Restaurant', 'The {evoc} Room', '{local} Rasoi'],
  },
  dhaba: {
    weight: 2, veg: 'optional', cuisines: ['North Indian', 'Punjabi'],
    core: ['main', 'starters', 'breads'],
    extra: ['rice', 'beverages', 'desserts', 'thalis', 'kebabs'],
    cost: [250, 700],
    names: ["{punjabi}'s Dhaba", '{punjabi} Da Dhaba', '{punjabi} Di Hatti', 'Amritsari {punjabi} Dhaba', 'Highway {evoc} Dhaba'],
  },
  udupi: {
    weight: 2.5, veg: 'always', cuisines: ['South Indian'],
    core: ['dosa', 'idli', 'southMeals', 'southBeverages'],
    extra: ['southDesserts', 'chaat', 'noodles', 'friedRice', 'southBreads', 'main', 'breads'],
    cost: [150, 450],
    names: ['Udupi {deity}', '{deity} Bhavan', '{deity} Tiffins', '{deity} Sagar', '{deity} Vihar', 'Hotel {deity}'],
  },
  chinese: {
    weight: 2, veg: 'optional', cuisines: ['Chinese'],
    core: ['chineseStarters', 'soups', 'noodles', 'friedRice'],
    extra: ['chineseMains', 'momos', 'beverages'],
    cost: [300, 750],
    names: ['{chinese} Kitchen', '{chinese} House', '{local} Chinese Corner', '{chinese} Wok Express'],
  },
  pizza: {
    weight: 1.5, veg: 'optional', cuisines: ['Pizzas', 'Italian'],
    core: ['pizza', 'pasta', 'sides'],
    extra: ['burgers', 'cafeDrinks', 'cafeDesserts'],
    cost: [400, 900],
    names: ["{person}'s Pizzeria", 'Pizza {pizza}', '{pizza} Pizza Co', '{local} Pizza Company'],
  },
  cafe: {
    weight: 1.5, veg: 'optional', cuisines: ['Cafe'],
    core: ['breakfast', 'burgers', 'cafeDrinks', 'cafeDesserts'],
    extra: ['pasta', 'sides', 'pizza'],
    cost: [400, 1000],
    names: ['Cafe {cafe}', 'The {cafe} Cafe', '{cafe} Coffee House', "{person}'s Cafe", '{cafe} Bakehouse'],
  },
  chaat: {
    weight: 1.5, veg: 'always', cuisines: ['Chaat', 'Street Food'],
    core: ['chaat', 'streetfood', 'beverages'],
    extra: ['desserts', 'sweets', 'thalis', 'main', 'breads'],
    cost: [150, 400],
    names: ['{trader} Chaat Bhandar', '{local} Chaat House', '{trader} Chaat Corner', '{trader} Chaat Wala'],
  },
  streetfood: {
    weight: 1, veg: 'always', cuisines: ['Street Food', 'Fast Food'],
    core: ['streetfood', 'chaat', 'burgers', 'beverages'],
    extra: ['friedRice', 'noodles', 'pizza', 'desserts'],
    cost: [150, 400],
    names: ['{street} Pav Bhaji', '{local} Vada Pav', '{street} Pav Bhaji Centre', '{street} Snacks Corner'],
  },
  thali: {
    weight: 1, veg: 'always', cuisines: ['Thalis', 'North Indian'],
    core: ['thalis', 'main', 'breads', 'rice'],
    extra: ['desserts', 'beverages', 'farsan', 'gujarati'],
    cost: [300, 800],
    names: ['{trader} Thali House', '{trader} Bhojanalay', '{local} Thali', '{trader} Rajasthani Rasoi'],
  },
  gujarati: {
    weight: 0.5, veg: 'always', cuisines: ['Gujarati'],
    core: ['farsan', 'gujarati', 'rotli', 'thalis'],
    extra: ['chaat', 'desserts', 'beverages', 'sweets', 'streetfood'],
    cost: [250, 700],
    names: ['{guj} Gujarati Thali', '{guj} Rasoi', '{guj} Farsan House', '{guj} Bhojanalay'],
  },
  sweets: {
    weight: 0.8, veg: 'always', cuisines: ['Sweets', 'Snacks'],
    core: ['sweets', 'desserts', 'chaat'],
    extra: ['streetfood', 'beverages', 'farsan'],
    cost: [150, 400],
    names: ['{trader} Sweets', '{trader} Mithai Bhandar', '{trader} Sweets & Namkeen', 'Shree {trader} Misthan Bhandar'],
  },
  rolls: {
    weight: 1.2, veg: 'optional', cuisines: ['Rolls & Wraps', 'Fast Food'],
    core: ['rolls', 'cabin', 'noodles', 'friedRice'],
    extra: ['chineseStarters', 'beverages', 'kebabs', 'momos'],
    cost: [200, 500],
    names: ["{person}'s Rolls", '{local} Kathi Rolls', '{royal} Roll Centre', '{person} Roll House'],
  },
  momos: {
    weight: 1, veg: 'optional', cuisines: ['Momos', 'Tibetan'],
    core: ['momos', 'soups', 'noodles', 'chineseStarters'],
    extra: ['friedRice', 'beverages'],
    cost: [200, 500],
    names: ['{momo} Momos', '{momo} Momo House', '{momo} Kitchen', '{local} Momo Point'],
  },
  bengali: {
    weight: 0.5, veg: 'never', cuisines: ['Bengali'],
    core: ['bengali', 'luchi', 'cabin', 'mishti'],
    extra: ['rolls', 'beverages', 'chineseStarters', 'noodles'],
    cost: [350, 900],
    names: ['{bengali} Rannaghor', '{bengali} Cabin', "{bengali}'s Bengali Kitchen", 'Hotel {bengali}'],
  },
  kerala: {
    weight: 0.5, veg: 'never', cuisines: ['Kerala', 'South Indian'],
    core: ['kerala', 'southBreads', 'seafood', 'southBeverages'],
    extra: ['southDesserts', 'dosa', 'chineseStarters', 'biryani', 'friedRice'],
    cost: [350, 850],
    names: ['Malabar {kerala}', '{kerala} Kerala Kitchen', '{kerala} Thattukada', '{kerala} Kerala Mess'],
  },
  chettinad: {
    weight: 0.3, veg: 'never', cuisines: ['Chettinad', 'South Indian'],
    core: ['chettinad', 'southBreads', 'biryani', 'southMeals'],
    extra: ['dosa', 'idli', 'southDesserts', 'southBeverages', 'seafood', 'chineseStarters'],
    cost: [350, 900],
    names: ['{tamil} Chettinad Mess', '{tamil} Mess', 'Hotel {tamil}', '{tamil} Chettinad Kitchen'],
  },
  andhra: {
    weight: 0.5, veg: 'never', cuisines: ['Andhra', 'South Indian'],
    core: ['andhra', 'biryani', 'southMeals', 'starters'],
    extra: ['chineseStarters', 'southDesserts', 'southBeverages', 'seafood', 'friedRice', 'main'],
    cost: [300, 800],
    names: ['{telugu} Andhra Meals', '{telugu} Ruchulu', 'Andhra {telugu} Mess', '{telugu} Military Hotel'],
  },
  coastal: {
    weight: 0.6, veg: 'never', cuisines: ['Seafood', 'Coastal'],
    core: ['seafood', 'coastalCurries', 'southBreads', 'southBeverages'],
    extra: ['rice', 'chineseStarters', 'starters', 'dosa', 'southDesserts', 'breads'],
    cost: [500, 1200],
    names: ['{coastal} Fish Land', '{coastal} Coastal Kitchen', '{coastal} Seafood', '{coastal} Lunch Home'],
  },
} as const satisfies Record<string, ConceptSpec>;

export type ConceptKey = keyof typeof CONCEPTS;
