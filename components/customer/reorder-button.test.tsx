import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { ReorderCartNote } from './reorder-button';

const render = (itemsInCart: number) => renderToStaticMarkup(createElement(ReorderCartNote, { itemsInCart }));

describe('ReorderCartNote', () => {
  it('says before "Reorder" that it replaces what the cart holds', () => {
    expect(render(4)).toContain('Reorder replaces the 4 items now in your cart.');
    expect(render(1)).toContain('Reorder replaces the 1 item now in your cart.');
  });

  it('says nothing when the cart is empty', () => {
    expect(render(0)).toBe('');
  });
});
