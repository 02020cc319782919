import { describe, expect, it } from 'vitest';

import {
  applyListing,
  compareByRelevance,
  filterChoices,
  emptyListingAdvice,
  hasActiveFilters,
  isSameCuisine,
  listCuisines,
  listingSearch,
  parseListingParams,
  sortRestaurants,
} from '@/lib/menus/listing';
import type { RestaurantSummary } from '@/lib/menus/types';

function restaurant(slug: string, overrides: Partial<RestaurantSummary> = {}): RestaurantSummary {
  return {
    slug,
    name: slug,
    cuisines: ['North Indian'],
    rating: 4,
    ratingCount: 100,
    offer: null,
    deliveryMinutes: 30,
    costForTwo: 400,
    pureVeg: false,
    isOpen: true,
    photoUrl: null,
    ...overrides,
  };
}

const slugs = (list: RestaurantSummary[]) => list.map((r) => r.slug);

const city = [
  restaurant('meghana-foods', { rating: 4.5, deliveryMinutes: 40, costForTwo: 600, cuisines: ['Biryani', 'Andhra'] }),
  restaurant('ctr', { rating: 4.7, deliveryMinutes: 25, costForTwo: 200, pureVeg: true, cuisines: ['South Indian'] }),
  restaurant('vidyarthi-bhavan', { rating: 4.7, deliveryMinutes: 35, costForTwo: 250, pureVeg: true, cuisines: ['South Indian', 'Snacks'] }),
  restaurant('toit', { rating: 4.8, deliveryMinutes: 45, costForTwo: 1500, isOpen: false, cuisines: ['Continental'] }),
  restaurant('empire', { rating: 3.9, deliveryMinutes: 20, costForTwo: 500, cuisines: ['north indian', 'Biryani'] }),
  restaurant('corner-house', { rating: 4.6, deliveryMinutes: 15, costForTwo: 150, pureVeg: true, isOpen: false, cuisines: ['Desserts'] }),
];

describe('parseListingParams', () => {
  it('defaults when nothing is set', () => {
    expect(parseListingParams({})).toEqual({ vegOnly: false, sort: 'relevance' });
  });

  it('reads every param', () => {
    expect(parseListingParams({ veg: '1', cuisine: 'South Indian', sort: 'cost' })).toEqual({
      vegOnly: true,
      cuisine: 'South Indian',
      sort: 'cost',
    });
  });

  it('accepts common truthy spellings for veg and nothing else', () => {
    for (const veg of ['1', 'true', 'on', 'yes', 'TRUE']) expect(parseListingParams({ veg }).vegOnly).toBe(true);
    for (const veg of ['0', 'false', '', 'nope']) expect(parseListingParams({ veg }).vegOnly).toBe(false);
  });

  it('falls back to defaults for unknown or malformed values', () => {
    expect(parseListingParams({ sort: 'price-desc' }).sort).toBe('relevance');
    expect(parseListingParams({ sort: '' }).sort).toBe('relevance');
    expect(parseListingParams({ cuisine: '   ' })).not.toHaveProperty('cuisine');
    expect(parseListingParams({ cuisine: 'x'.repeat(65) })).not.toHaveProperty('cuisine');
  });

  it('takes the first of repeated params', () => {
    expect(parseListingParams({ sort: ['delivery', 'cost'], veg: ['1', '0'], cuisine: ['Biryani', 'Snacks'] })).toEqual({
      vegOnly: true,
      cuisine: 'Biryani',
      sort: 'delivery',
    });
    expect(parseListingParams({ sort: [] }).sort).toBe('relevance');
  });

  it('normalises case of sort and spacing of cuisine', () => {
    expect(parseListingParams({ sort: ' Rating ' }).sort).toBe('rating');
    expect(parseListingParams({ cuisine: '  North   Indian ' }).cuisine).toBe('North Indian');
  });
});

describe('listingSearch and hasActiveFilters', () => {
  it('omits defaults', () => {
    expect(listingSearch({ vegOnly: false, sort: 'relevance' })).toBe('');
    expect(hasActiveFilters({ vegOnly: false, sort: 'relevance' })).toBe(false);
  });

  it('round-trips through parseListingParams', () => {
    const params = { vegOnly: true, cuisine: 'North Indian', sort: 'delivery' } as const;
    const search = listingSearch(params);
    expect(search).toBe('?veg=1&cuisine=North+Indian&sort=delivery');
    expect(parseListingParams(Object.fromEntries(new URLSearchParams(search)))).toEqual(params);
    expect(hasActiveFilters(params)).toBe(true);
  });
});

describe('compareByRelevance', () => {
  it('puts open first, then rating descending, then slug ascending', () => {
    expect(slugs([...city].sort(compareByRelevance))).toEqual([
      'ctr',
      'vidyarthi-bhavan',
      'meghana-foods',
      'empire',
      'toit',
      'corner-house',
    ]);
  });

  it('breaks ties by slug code unit order', () => {
    const list = [restaurant('ab'), restaurant('a-b'), restaurant('a1')];
    expect(slugs(list.sort(compareByRelevance))).toEqual(['a-b', 'a1', 'ab']);
  });
});

describe('sortRestaurants', () => {
  it('sorts by rating, delivery time and cost, closed places always last', () => {
    expect(slugs(sortRestaurants(city, 'rating'))).toEqual([
      'ctr',
      'vidyarthi-bhavan',
      'meghana-foods',
      'empire',
      'toit',
      'corner-house',
    ]);
    expect(slugs(sortRestaurants(city, 'delivery'))).toEqual([
      'empire',
      'ctr',
      'vidyarthi-bhavan',
      'meghana-foods',
      'corner-house',
      'toit',
    ]);
    expect(slugs(sortRestaurants(city, 'cost'))).toEqual([
      'ctr',
      'vidyarthi-bhavan',
      'empire',
      'meghana-foods',
      'corner-house',
      'toit',
    ]);
  });

  it('uses relevance order for the default sort', () => {
    expect(sortRestaurants(city, 'relevance')).toEqual([...city].sort(compareByRelevance));
  });

  it('breaks ties by slug', () => {
    const list = [restaurant('b', { deliveryMinutes: 20 }), restaurant('a', { deliveryMinutes: 20 })];
    expect(slugs(sortRestaurants(list, 'delivery'))).toEqual(['a', 'b']);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(city);
    const sorted = sortRestaurants(city, 'cost');
    expect(city).toEqual(copy);
    expect(sorted).not.toBe(city);
  });
});

describe('applyListing', () => {
  it('returns everything in relevance order with default params', () => {
    expect(slugs(applyListing(city, { vegOnly: false, sort: 'relevance' }))).toEqual(
      slugs([...city].sort(compareByRelevance)),
    );
  });

  it('filters Pure Veg', () => {
    expect(slugs(applyListing(city, { vegOnly: true, sort: 'relevance' }))).toEqual([
      'ctr',
      'vidyarthi-bhavan',
      'corner-house',
    ]);
  });

  it('filters by cuisine case-insensitively', () => {
    expect(slugs(applyListing(city, { vegOnly: false, cuisine: 'NORTH INDIAN', sort: 'relevance' }))).toEqual([
      'empire',
    ]);
    expect(slugs(applyListing(city, { vegOnly: false, cuisine: 'Biryani', sort: 'cost' }))).toEqual([
      'empire',
      'meghana-foods',
    ]);
  });

  it('combines filters and sort', () => {
    expect(slugs(applyListing(city, { vegOnly: true, cuisine: 'South Indian', sort: 'delivery' }))).toEqual([
      'ctr',
      'vidyarthi-bhavan',
    ]);
  });

  it('returns an empty list when nothing matches', () => {
    expect(applyListing(city, { vegOnly: true, cuisine: 'Biryani', sort: 'relevance' })).toEqual([]);
    expect(applyListing(city, { vegOnly: false, cuisine: 'Martian', sort: 'relevance' })).toEqual([]);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(city);
    const result = applyListing(city, { vegOnly: false, sort: 'delivery' });
    expect(city).toEqual(copy);
    expect(result).not.toBe(city);
  });
});

describe('listCuisines', () => {
  it('lists each cuisine once, alphabetically, first spelling winning', () => {
    expect(listCuisines(city)).toEqual([
      'Andhra',
      'Biryani',
      'Continental',
      'Desserts',
      'north indian',
      'Snacks',
      'South Indian',
    ]);
  });

  it('handles an empty city', () => {
    expect(listCuisines([])).toEqual([]);
  });

  it('matches cuisines the same way the filter does', () => {
    expect(isSameCuisine('North Indian', ' north  indian ')).toBe(true);
    expect(isSameCuisine(undefined, 'North Indian')).toBe(false);
    expect(isSameCuisine('North Indian', 'South Indian')).toBe(false);
  });
});

describe('filterChoices', () => {
  const countOf = (choices: ReturnType<typeof filterChoices>, name: string) =>
    choices.cuisines.find((choice) => isSameCuisine(name, choice.name))?.count;

  it('counts each cuisine with the other filters on, each count what its chip then shows', () => {
    for (const params of [
      { vegOnly: false, sort: 'relevance' as const },
      { vegOnly: true, sort: 'relevance' as const },
      { vegOnly: true, cuisine: 'South Indian', sort: 'cost' as const },
    ]) {
      const choices = filterChoices(city, params);
      expect(choices.cuisines.length).toBeGreaterThan(0);
      for (const { name, count } of choices.cuisines) {
        expect(count, name).toBe(applyListing(city, { ...params, cuisine: name }).length);
      }
      expect(choices.pureVeg).toBe(applyListing(city, { ...params, vegOnly: true }).length);
    }
  });

  it('leaves out a cuisine that would show nothing with Pure Veg on (never "Showing 0 of N")', () => {
    expect(applyListing(city, { vegOnly: true, cuisine: 'Biryani', sort: 'relevance' })).toEqual([]);
    expect(countOf(filterChoices(city, { vegOnly: false, sort: 'relevance' }), 'Biryani')).toBeGreaterThan(0);
    const veg = filterChoices(city, { vegOnly: true, sort: 'relevance' });
    expect(countOf(veg, 'Biryani')).toBeUndefined();
    expect(veg.cuisines.every(({ count }) => count > 0)).toBe(true);
  });

  it('keeps the selected cuisine, even with nothing left, so it can be turned off', () => {
    const choices = filterChoices(city, { vegOnly: true, cuisine: 'biryani', sort: 'relevance' });
    expect(countOf(choices, 'Biryani')).toBe(0);
    expect(choices.pureVeg).toBe(0);
  });

  it('handles an empty city', () => {
    expect(filterChoices([], { vegOnly: true, sort: 'relevance' })).toEqual({ pureVeg: 0, topRated: 0, cuisines: [] });
  });
});

describe('Rating 4.0+', () => {
  it('is read from ?rating=4 (and hand-typed spellings of it), written back as rating=4, and counts as a filter', () => {
    for (const rating of ['4', '4.0', '4+', ' 4 ']) expect(parseListingParams({ rating }).topRated).toBe(true);
    for (const rating of ['', '3', '5', 'yes', '4.5', '<script>']) expect(parseListingParams({ rating })).not.toHaveProperty('topRated');
    const params = { vegOnly: true, topRated: true, cuisine: 'Biryani', sort: 'delivery' } as const;
    expect(listingSearch(params)).toBe('?veg=1&rating=4&cuisine=Biryani&sort=delivery');
    expect(parseListingParams(Object.fromEntries(new URLSearchParams(listingSearch(params))))).toEqual(params);
    expect(hasActiveFilters({ vegOnly: false, topRated: true, sort: 'relevance' })).toBe(true);
  });

  it('keeps only restaurants rated 4.0 or more, closed ones still last', () => {
    expect(slugs(applyListing(city, { vegOnly: false, topRated: true, sort: 'relevance' }))).toEqual([
      'ctr',
      'vidyarthi-bhavan',
      'meghana-foods',
      'toit',
      'corner-house',
    ]);
    expect(slugs(applyListing(city, { vegOnly: false, topRated: true, cuisine: 'North Indian', sort: 'relevance' }))).toEqual([]);
  });

  it('its chip and every other chip count what they then show, with the others on', () => {
    for (const params of [
      { vegOnly: false, sort: 'relevance' as const },
      { vegOnly: false, topRated: true as const, sort: 'relevance' as const },
      { vegOnly: true, topRated: true as const, sort: 'relevance' as const },
      { vegOnly: false, cuisine: 'Biryani', sort: 'rating' as const },
    ]) {
      const choices = filterChoices(city, params);
      expect(choices.topRated, JSON.stringify(params)).toBe(applyListing(city, { ...params, topRated: true }).length);
      expect(choices.pureVeg).toBe(applyListing(city, { ...params, vegOnly: true }).length);
      for (const { name, count } of choices.cuisines) expect(count, name).toBe(applyListing(city, { ...params, cuisine: name }).length);
    }
    // Empire (3.9) is the only North Indian place: with Rating 4.0+ on, its chip is not offered.
    expect(filterChoices(city, { vegOnly: false, topRated: true, sort: 'relevance' }).cuisines.map(({ name }) => name)).not.toContain('north indian');
  });
});

describe('emptyListingAdvice', () => {
  it('names the filters that are on, never a cuisine that was not chosen', () => {
    const base = { vegOnly: false, sort: 'relevance' } as const;
    expect(emptyListingAdvice({ ...base, vegOnly: true })).toBe('No Pure Veg restaurants here yet. Turn off Pure Veg to see the rest.');
    expect(emptyListingAdvice({ ...base, topRated: true })).toBe('No restaurant here is rated 4.0 or more yet. Turn off Rating 4.0+ to see the rest.');
    expect(emptyListingAdvice({ ...base, vegOnly: true, topRated: true })).toBe('No Pure Veg restaurant here is rated 4.0 or more yet. Turn off one of them to see more.');
    expect(emptyListingAdvice({ ...base, cuisine: 'Thai' })).toBe('Nobody here serves that cuisine yet. Try another one.');
    expect(emptyListingAdvice({ ...base, vegOnly: true, cuisine: 'Thai' })).toBe('Try another cuisine, or turn off Pure Veg.');
    expect(emptyListingAdvice({ ...base, vegOnly: true, topRated: true, cuisine: 'Thai' })).toBe('Try another cuisine, or turn off Pure Veg or Rating 4.0+.');
  });
});
