import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { MenuFilter } from './menu-filter';

describe('the menu search box', () => {
  it('shows keyboard focus with the ring every other control has, not only a 1 px border colour', () => {
    const html = renderToStaticMarkup(createElement(MenuFilter, { targetId: 'menu', total: 12, vegToggle: true }));
    const input = html.match(/<input[^>]*id="menu-search"[^>]*>/)?.[0] ?? '';
    const classes = (input.match(/class="([^"]*)"/)?.[1] ?? '').split(/\s+/);
    expect(classes).toContain('rounded-full');
    expect(classes).not.toContain('focus:outline-none');
    expect(classes).toEqual(expect.arrayContaining(['focus-visible:outline-3', 'focus-visible:outline-offset-2', 'focus-visible:outline-brand-600']));
  });
});
