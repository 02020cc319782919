import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CitySearchForm } from './city-search-form';

/** The classes of the element with this id. */
function classesOf(html: string, id: string): string[] {
  const tag = html.match(new RegExp(`<input[^>]*id="${id}"[^>]*>`))?.[0] ?? '';
  return (tag.match(/class="([^"]*)"/)?.[1] ?? '').split(/\s+/);
}

describe('the city search box', () => {
  it('shows keyboard focus with the ring every other control has, not only a 1 px border colour', () => {
    const classes = classesOf(renderToStaticMarkup(createElement(CitySearchForm, { citySlug: 'bengaluru', cityName: 'Bengaluru', query: '' })), 'city-search');
    expect(classes).not.toContain('focus:outline-none');
    expect(classes).toEqual(expect.arrayContaining(['focus-visible:outline-3', 'focus-visible:outline-offset-2', 'focus-visible:outline-brand-600']));
  });
});
