import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { MAX_DISH_HITS } from '@/lib/search/limits';
import type { DishHit } from '@/lib/search/types';

import { SearchResults } from './search-results';

const dish = (id: number): DishHit => ({
  id,
  name: `Paneer Tikka ${id}`,
  description: 'Chargrilled',
  pricePaise: 38_900,
  veg: true,
  available: true,
  bestseller: false,
  photoUrl: null,
  category: 'Starters',
  restaurant: { slug: `kitchen-${id}`, name: `Kitchen ${id}`, isOpen: true },
  matched: 'name',
});

const render = (dishCount: number) =>
  renderToStaticMarkup(
    createElement(SearchResults, {
      query: 'paneer',
      results: { city: { slug: 'bengaluru', name: 'Bengaluru' }, restaurants: [], dishes: Array.from({ length: dishCount }, (_, index) => dish(index + 1)) },
    }),
  );

describe('the city search results', () => {
  it('counts a short list as it is', () => {
    const html = render(3);
    expect(html).toContain('0 restaurants and 3 dishes for “paneer”');
    expect(html).not.toContain('data-testid="search-more"');
  });

  it('calls a list as long as the search answers the top ones, and says how to see others, not "40 dishes" as if that were all', () => {
    const html = render(MAX_DISH_HITS);
    expect(html).toContain(`0 restaurants and the top ${MAX_DISH_HITS} dishes for “paneer”`);
    expect(html).toContain('data-testid="search-more"');
  });
});
