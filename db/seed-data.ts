import { CITIES } from './seed-vocabulary/cities';
import { generateCity } from './seed-vocabulary/generate';
import { createRng } from './seed-vocabulary/prng';
import type { SeedCity } from './seed-vocabulary/types';

export type { SeedCategory, SeedCity, SeedItem, SeedRestaurant } from './seed-vocabulary/types';
export { RESTAURANTS_PER_CITY } from './seed-vocabulary/generate';
export { MAX_ITEMS, MAX_SECTIONS, MIN_ITEMS, MIN_SECTIONS } from './seed-vocabulary/menu';

/** Changing this reshuffles every generated restaurant; tests and docs that name one would need updating. */
const SEED = 0x7a1e5eed;

/**
 * The whole demo dataset: 8 cities × 25 restaurants with 30–45 dishes each. Pure function of SEED:
 * every call, on every machine, returns the same data, so a re-seed finds exactly the rows it made before.
 */
export function generateSeedData(): SeedCity[] {
  const root = createRng(SEED);
  // Restaurant slugs must be unique across cities, so one set spans the whole run.
  const usedSlugs = new Set<string>();
  return CITIES.map((city) => generateCity(root.fork(`city:${city.slug}`), city, usedSlugs));
}
