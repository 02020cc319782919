import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { illustrationUrl } from '@/lib/illustrations';
import { MAX_DISH_HITS } from '@/lib/search/limits';
import type { DishHit } from '@/lib/search/types';

import { DishHitRow } from './dish-hit-row';
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
    // Product review: "0 restaurants and 3 dishes" led with what was not found.
    expect(html).toContain('>3 dishes for “paneer”<');
    expect(html).not.toContain('data-testid="search-more"');
  });

  it('calls a list as long as the search answers the top ones, and says how to see others, not "40 dishes" as if that were all', () => {
    const html = render(MAX_DISH_HITS);
    expect(html).toContain(`>The top ${MAX_DISH_HITS} dishes for “paneer”<`);
    expect(html).toContain('data-testid="search-more"');
  });
});

describe('a dish the search found, without a photo', () => {
  it('is drawn as what its name says, not as its section: a Recommended biryani is a biryani, not a star', () => {
    const row = (name: string, category: string) =>
      renderToStaticMarkup(createElement(DishHitRow, { dish: { ...dish(1), name, category }, citySlug: 'bengaluru' }));
    expect(row('Chicken Dum Biryani', 'Recommended')).toContain(`src="${illustrationUrl('biryani')}"`);
    // A name with no known word keeps its section's drawing.
    expect(row('House Special', 'Desserts')).toContain(`src="${illustrationUrl('ice-cream')}"`);
  });

  // Accessibility walk (axe: aria-allowed-role, heading-order): role="status" on the summary's h2 took
  // its heading role away, so a screen reader's heading list had no summary and jumped to the h3s.
  it('keeps the summary a heading, announced from a status region around it', () => {
    const html = render(3);
    expect(html).toMatch(/<div role="status"><h2 id="search-results-heading"[^>]*>3 dishes for “paneer”<\/h2><\/div>/);
    expect(html).not.toMatch(/<h2[^>]*role=/);
  });
});
