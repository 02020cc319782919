import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { IDLE } from '@/lib/admin/action-state';

import { MenuItems } from './menu-items';

const action = async () => IDLE;
const list = (available: boolean) =>
  renderToStaticMarkup(
    createElement(MenuItems, {
      categories: [{ id: 1, name: 'Biryani', items: [{ id: 7, name: 'Chicken Dum Biryani', pricePaise: 40_900, veg: false, available, bestseller: true, version: 3 }] }],
      itemsHref: '/admin/restaurants/x/items',
      deleteAction: action,
      availabilityAction: action,
      reloadHref: '/admin/restaurants/x',
    }),
  );

describe('the admin menu list’s availability button', () => {
  it('an available item offers “Mark unavailable”, asking for that state with the row’s version', () => {
    const html = list(true);
    expect(html).toContain('aria-label="Mark unavailable: Chicken Dum Biryani"');
    expect(html).toContain('>Mark unavailable</button>');
    expect(html).toMatch(/name="available" value="false"/);
    expect(html).toMatch(/name="version" value="3"/);
    expect(html).toMatch(/name="itemId" value="7"/);
  });

  it('an unavailable item says so and offers “Mark available”', () => {
    const html = list(false);
    expect(html).toContain('>Unavailable<');
    expect(html).toContain('>Mark available</button>');
    expect(html).toMatch(/name="available" value="true"/);
  });
});
