import { PathnameContext } from 'next/dist/shared/lib/hooks-client-context.shared-runtime';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { ErrorPanel } from './error-panel';

const panel = (error: unknown) =>
  renderToStaticMarkup(createElement(ErrorPanel, { title: "We couldn't load this menu", message: 'Something went wrong while fetching the menu.', error, retry: () => {} }));

describe('the error panel', () => {
  it("says the connection dropped, not that the page failed, when a tap couldn't reach the server", () => {
    // The heart, Cancel order or Send code tapped offline: the action's fetch rejects into the boundary.
    const html = panel(new TypeError('Failed to fetch'));
    expect(html).toContain('Couldn&#x27;t reach Thali');
    expect(html).toContain('may not have gone through');
    expect(html).not.toContain('load this menu');
    expect(html).toContain('Try again');
  });

  it("keeps the page's own words, and the reference, for a server's error", () => {
    const html = panel(Object.assign(new Error('An error occurred in the Server Components render.'), { digest: '2690945768' }));
    expect(html).toContain('We couldn&#x27;t load this menu');
    expect(html).toContain('Error reference: 2690945768');
    expect(html).not.toContain('reach Thali');
  });

  const at = (pathname: string) =>
    renderToStaticMarkup(
      createElement(
        PathnameContext.Provider,
        { value: pathname },
        createElement(ErrorPanel, { title: 'Something went wrong', message: 'Please try again.', error: new Error('x'), retry: () => {} }),
      ),
    );

  it('offers no "Go to all cities" on home, the very page that failed: Try again only', () => {
    const html = at('/');
    expect(html).toContain('Try again');
    expect(html).not.toContain('Go to all cities');
  });

  it('offers the way home from any other page', () => {
    expect(at('/bengaluru')).toMatch(/<a[^>]*href="\/"[^>]*>Go to all cities<\/a>/);
  });
});
