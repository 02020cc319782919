import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { ListingParams } from '@/lib/menus/listing';

import { FilterBar } from './filter-bar';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const links = (html: string) => [...html.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => [text(match[2]!).trim(), match[1]!.replace(/&amp;/g, '&')]);
const render = (params: ListingParams, topRated = 7) =>
  renderToStaticMarkup(
    createElement(FilterBar, { citySlug: 'bengaluru', params, choices: { pureVeg: 3, topRated, cuisines: [{ name: 'Biryani', count: 2 }] } }),
  );

describe('the city page’s Rating 4.0+ chip', () => {
  it('is a link that adds rating=4 and keeps the other filters, saying how many it leads to', () => {
    const html = render({ vegOnly: true, cuisine: 'Biryani', sort: 'delivery' });
    expect(links(html)).toContainEqual(['Rating 4.0+ 7 , 7 restaurants', '/bengaluru?veg=1&rating=4&cuisine=Biryani&sort=delivery']);
  });

  it('turned on, it links back without it, and the other chips keep it', () => {
    const html = render({ vegOnly: false, topRated: true, cuisine: 'Biryani', sort: 'relevance' });
    const all = links(html);
    expect(all.find(([label]) => label!.startsWith('Rating 4.0+'))?.[1]).toBe('/bengaluru?cuisine=Biryani');
    expect(all.find(([label]) => label!.startsWith('Pure Veg'))?.[1]).toBe('/bengaluru?veg=1&rating=4&cuisine=Biryani');
    expect(all.find(([label]) => label!.startsWith('Biryani'))?.[1]).toBe('/bengaluru?rating=4');
    expect(all.find(([label]) => label === 'Clear filters')?.[1]).toBe('/bengaluru');
  });

  it('is not offered when it would lead to no restaurant', () => {
    expect(render({ vegOnly: false, sort: 'relevance' }, 0)).not.toContain('Rating 4.0+');
  });
});
