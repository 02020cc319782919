import type { CitySpec } from './cities';
import { CONCEPTS, type ConceptKey, type ConceptSpec } from './concepts';
import { buildMenu } from './menu';
import { NAME_POOLS, type NamePool } from './names';
import type { Rng } from './prng';
import type { SeedCity, SeedRestaurant } from './types';

export const RESTAURANTS_PER_CITY = 25;
const MAX_SLUG_LENGTH = 64;
const CONCEPT_KEYS = Object.keys(CONCEPTS) as ConceptKey[];

/** Lowercase words joined by single hyphens, the shape lib/menus/slug.ts accepts. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Drops whole trailing words until the slug fits, so a long name never ends mid-word. */
function fitSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const words = slug.split('-');
  while (words.length > 1 && words.join('-').length > max) words.pop();
  return words.join('-').slice(0, max);
}

/**
 * Name plus area, so the same brand can have branches and the slug still says which one
 * ("meghana-biryani-house-koramangala"); the city goes on only when two cities share an area name.
 */
function uniqueSlug(name: string, area: string, city: CitySpec, used: Set<string>): string {
  const areaSlug = slugify(area);
  const candidates = [areaSlug, `${areaSlug}-${city.slug}`, `${city.slug}-2`, `${city.slug}-3`];
  for (const suffix of candidates) {
    const slug = `${fitSlug(slugify(name), MAX_SLUG_LENGTH - suffix.length - 1)}-${suffix}`;
    if (!used.has(slug)) {
      used.add(slug);
      return slug;
    }
  }
  throw new Error(`no free slug for ${name} in ${area}, ${city.name}`);
}

function fillName(rng: Rng, pattern: string, city: CitySpec): string {
  return pattern.replace(/\{(\w+)\}/g, (_, pool: string) =>
    pool === 'local' ? rng.pick(city.local) : rng.pick(NAME_POOLS[pool as NamePool]),
  );
}

/** A pure-veg slot takes only always-veg staples, so a city's staple roll shop isn't the one veg roll shop. */
const fitsSlot = (spec: ConceptSpec, pureVeg: boolean, staple: boolean): boolean =>
  pureVeg ? (staple ? spec.veg === 'always' : spec.veg !== 'never') : spec.veg !== 'always';

function pickConcept(rng: Rng, city: CitySpec, pureVeg: boolean, used: Map<ConceptKey, number>, staples: ConceptKey[]): ConceptKey {
  const stapleAt = staples.findIndex((key) => fitsSlot(CONCEPTS[key], pureVeg, true));
  if (stapleAt >= 0) {
    const [key] = staples.splice(stapleAt, 1) as [ConceptKey];
    used.set(key, (used.get(key) ?? 0) + 1);
    return key;
  }
  const entries = CONCEPT_KEYS.map((key) => {
    const spec: ConceptSpec = CONCEPTS[key];
    // Repeats get rarer so a city's 25 places cover many kinds, not eleven biryani houses.
    const weight = fitsSlot(spec, pureVeg, false) ? (spec.weight * (city.favour[key] ?? 1)) / (1 + 1.5 * (used.get(key) ?? 0)) : 0;
    return [key, weight] as const;
  });
  const key = rng.weighted(entries);
  used.set(key, (used.get(key) ?? 0) + 1);
  return key;
}

export function generateCity(rng: Rng, city: CitySpec, usedSlugs: Set<string>): SeedCity {
  // Exact counts rather than per-restaurant coin flips keep every city close to the intended mix.
  const vegCount = Math.round(RESTAURANTS_PER_CITY * city.vegShare);
  const closed = new Set(rng.shuffle([...Array(RESTAURANTS_PER_CITY).keys()]).slice(0, rng.int(2, 3)));
  const conceptsUsed = new Map<ConceptKey, number>();
  const staples = [...city.staples];
  const names = new Set<string>();

  const restaurants: SeedRestaurant[] = [];
  for (let i = 0; i < RESTAURANTS_PER_CITY; i++) {
    // One stream per restaurant: changing one place's draws leaves its neighbours as they were.
    const r = rng.fork(`restaurant:${i}`);
    const pureVeg = i < vegCount;
    const conceptKey = pickConcept(r, city, pureVeg, conceptsUsed, staples);
    const concept: ConceptSpec = CONCEPTS[conceptKey];

    let name = fillName(r, r.pick(concept.names), city);
    for (let attempt = 0; names.has(name) && attempt < 50; attempt++) name = fillName(r, r.pick(concept.names), city);
    if (names.has(name)) throw new Error(`ran out of ${conceptKey} names in ${city.name}`);
    names.add(name);

    const area = r.pick(city.areas);
    const [low, high] = concept.cost;
    const costForTwo = r.int(low / 50, high / 50) * 50;
    const menu = buildMenu(r, concept, pureVeg, costForTwo);
    restaurants.push({
      slug: uniqueSlug(name, area, city, usedSlugs),
      name,
      area,
      cuisines: menu.cuisines,
      // The mean of two draws clusters ratings around 4.1, as listings do.
      rating: Math.round((r.int(35, 48) + r.int(35, 48)) / 2) / 10,
      deliveryMinutes: r.int(20, 55),
      costForTwo,
      pureVeg,
      isOpen: !closed.has(i),
      categories: menu.categories,
    });
  }
  // Pure-veg places were generated first to fix their count; interleave them like a real listing.
  return { slug: city.slug, name: city.name, state: city.state, restaurants: rng.shuffle(restaurants) };
}
