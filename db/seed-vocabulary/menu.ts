import { CATALOGUE, CUISINE_OF, type CategoryKey, menuRank } from './catalogue';
import type { ConceptSpec } from './concepts';
import type { Dish } from './dish';
import type { Rng } from './prng';
import type { SeedCategory, SeedItem } from './types';

export const MIN_ITEMS = 30;
export const MAX_ITEMS = 45;
export const MIN_SECTIONS = 4;
export const MAX_SECTIONS = 8;
const RECOMMENDED = 'Recommended';
const MAX_CUISINES = 4;
/** Catalogue prices are pitched at a place charging this much for two. */
const REFERENCE_COST_FOR_TWO = 500;

/**
 * Scales a catalogue price to the restaurant's price band. The exponent is below 1 because a dosa at a
 * ₹1,000-for-two place costs more than at a ₹300 one, but not three times more. Rupee amounts then end
 * the way menus print them: ₹45 under a hundred, ₹249 above.
 */
export function pricePaise(base: number, costForTwo: number, rng: Rng): number {
  const scaled = base * Math.pow(costForTwo / REFERENCE_COST_FOR_TWO, 0.75) * (0.92 + rng.next() * 0.16);
  const rupees = scaled < 100 ? Math.max(15, Math.round(scaled / 5) * 5) : Math.round(scaled / 10) * 10 - 1;
  return rupees * 100;
}

interface Section {
  key: CategoryKey;
  /** Candidates not claimed by an earlier section, in catalogue (popularity) order. */
  pool: Dish[];
  chosen: Dish[];
}

/** Picks the sections: core first, then shuffled extras until the menu has enough sections and dishes. */
function chooseSections(rng: Rng, concept: ConceptSpec, pureVeg: boolean, targetItems: number, maxSections: number, wantSections: number): Section[] {
  const sections: Section[] = [];
  // A dish listed under two catalogue sections (Curd Rice, Double Ka Meetha) stays in the first one,
  // because item names are unique per restaurant.
  const claimed = new Set<string>();
  const add = (key: CategoryKey) => {
    const name = CATALOGUE[key].name;
    if (sections.length >= maxSections || sections.some((s) => CATALOGUE[s.key].name === name)) return;
    const pool = CATALOGUE[key].dishes.filter((d) => (!pureVeg || d.veg) && !claimed.has(d.name));
    if (pool.length < 2) return;
    for (const dish of pool) claimed.add(dish.name);
    sections.push({ key, pool, chosen: [] });
  };
  const available = () => sections.reduce((sum, s) => sum + s.pool.length, 0);

  for (const key of concept.core) add(key);
  for (const key of rng.shuffle(concept.extra)) {
    if (sections.length >= wantSections && available() >= targetItems) break;
    add(key);
  }
  return sections;
}

/**
 * Shares the item budget out: two per section, then weighted towards the signature and core sections.
 * Past a soft cap a section rarely grows, so a Chinese place doesn't list all eleven drinks.
 */
function allocate(rng: Rng, concept: ConceptSpec, sections: Section[], total: number): void {
  const quota = sections.map((s) => Math.min(2, s.pool.length));
  let remaining = total - quota.reduce((a, b) => a + b, 0);
  while (remaining > 0) {
    const open = sections
      .map((s, i) => {
        const core = concept.core.includes(s.key);
        const boost = i === 0 ? 3 : core ? 2 : 1;
        const softCap = i === 0 ? 18 : core ? 12 : 7;
        const left = s.pool.length - (quota[i] ?? 0);
        return [i, boost * left * ((quota[i] ?? 0) >= softCap ? 0.05 : 1)] as const;
      })
      .filter(([, weight]) => weight > 0);
    if (open.length === 0) break;
    const i = rng.weighted(open);
    quota[i] = (quota[i] ?? 0) + 1;
    remaining--;
  }
  sections.forEach((s, i) => {
    // Earlier (more popular) dishes usually make the cut, but not always, so menus differ between places.
    const ranked = s.pool
      .map((dish, index) => ({ dish, index, rank: index + rng.next() * s.pool.length * 0.6 }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, quota[i] ?? 0)
      .sort((a, b) => a.index - b.index);
    s.chosen = ranked.map((r) => r.dish);
  });
}

/**
 * Moves the headline dishes of the core sections into "Recommended", as delivery apps feature a place's
 * signatures; an Udupi's recommended list is dosas and idlis, never its side line of noodles.
 */
function takeRecommended(rng: Rng, concept: ConceptSpec, sections: Section[]): Dish[] {
  const want = rng.int(3, 6);
  const picked: Dish[] = [];
  const core = sections.filter((s) => concept.core.includes(s.key));
  for (let round = 0; picked.length < want && round < 3; round++) {
    for (const s of core) {
      if (picked.length >= want) break;
      if (s.chosen.length <= 2) continue;
      const [head, ...rest] = s.chosen;
      if (head === undefined) continue;
      picked.push(head);
      s.chosen = rest;
    }
  }
  return picked;
}

export interface BuiltMenu {
  categories: SeedCategory[];
  cuisines: string[];
}

export function buildMenu(rng: Rng, concept: ConceptSpec, pureVeg: boolean, costForTwo: number): BuiltMenu {
  const targetItems = rng.int(MIN_ITEMS, MAX_ITEMS);
  const hasRecommended = rng.chance(0.85);
  const reserved = hasRecommended ? 1 : 0;
  const wantSections = rng.int(MIN_SECTIONS, MAX_SECTIONS) - reserved;
  const sections = chooseSections(rng, concept, pureVeg, targetItems, MAX_SECTIONS - reserved, wantSections);

  const available = sections.reduce((sum, s) => sum + s.pool.length, 0);
  if (available < MIN_ITEMS || sections.length + reserved < MIN_SECTIONS) {
    // A catalogue gap is a bug in the vocabulary, not something to paper over with a thin menu.
    throw new Error(`concept ${concept.core.join('/')} (pureVeg=${pureVeg}) yields only ${available} dishes in ${sections.length} sections`);
  }
  allocate(rng, concept, sections, Math.min(targetItems, available));

  // The signature leads (Biryani, Dosa, Momos...), except that Indian menus open with starters before
  // the Main Course even where curries are the point of the place.
  const [signature, ...others] = sections;
  const byRank = (list: Section[]) => [...list].sort((a, b) => menuRank(a.key) - menuRank(b.key));
  const ordered = signature === undefined || signature.key === 'main' ? byRank(sections) : [signature, ...byRank(others)];
  const recommended = hasRecommended ? takeRecommended(rng, concept, ordered) : [];

  const toItems = (dishes: Dish[], featured: boolean): SeedItem[] =>
    dishes.map((dish, position) => ({
      name: dish.name,
      description: dish.description,
      pricePaise: pricePaise(dish.price, costForTwo, rng),
      veg: dish.veg,
      available: !rng.chance(0.05),
      bestseller: rng.chance(featured ? 0.6 : 0.1),
      position,
    }));

  const named = [
    ...(recommended.length > 0 ? [{ name: RECOMMENDED, items: toItems(recommended, true) }] : []),
    ...ordered.map((s) => ({ name: CATALOGUE[s.key].name, items: toItems(s.chosen, false) })),
  ];
  const categories = named.map((c, position) => ({ ...c, position }));

  const derived = ordered.map((s) => CUISINE_OF[s.key]).filter((c): c is string => c !== null);
  const cuisines = [...new Set([...concept.cuisines, ...derived])].slice(0, MAX_CUISINES);
  return { categories, cuisines };
}
