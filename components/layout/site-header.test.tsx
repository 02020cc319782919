import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { SiteHeader } from './site-header';

describe('the site header', () => {
  it('links to the cart from every page, not only from the menu whose dishes it holds', () => {
    const html = renderToStaticMarkup(createElement(SiteHeader));
    expect(html).toMatch(/<a [^>]*href="\/checkout"[^>]*>Cart\s*<\/a>/);
    expect(html).toMatch(/<a [^>]*href="\/account"[^>]*>Account<\/a>/);
  });
});
