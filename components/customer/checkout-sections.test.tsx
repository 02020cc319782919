import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CheckoutSections } from './checkout-sections';

const render = (hasAddress: boolean) =>
  renderToStaticMarkup(
    createElement(CheckoutSections, {
      hasAddress,
      cart: createElement('p', null, 'CART'),
      bill: createElement('p', null, 'BILL'),
      delivery: createElement('p', null, 'PLACE-ORDER'),
      newAddress: createElement('p', null, 'ADDRESS-FORM'),
    }),
  );

/** The CSS `order` each part is shown in on phones (the column is `contents` there), by its text. */
function phoneOrder(html: string): string[] {
  const parts = ['CART', 'ADDRESS-FORM', 'BILL', 'PLACE-ORDER'].map((text) => {
    const before = html.slice(0, html.indexOf(`<p>${text}</p>`));
    const order = [...before.matchAll(/class="[^"]*\border-(\d)\b[^"]*"/g)].at(-1)?.[1];
    return { text, order: Number(order) };
  });
  return parts.sort((a, b) => a.order - b.order).map((part) => part.text);
}

describe('checkout sections', () => {
  it('with no saved address: the address form right after the cart, then the bill and "Place order"', () => {
    const html = render(false);
    expect(phoneOrder(html)).toEqual(['CART', 'ADDRESS-FORM', 'BILL', 'PLACE-ORDER']);
    // On wide screens the column reads top to bottom: the form is above "Place order" there too.
    expect(html.indexOf('ADDRESS-FORM')).toBeLessThan(html.indexOf('PLACE-ORDER'));
    expect(html).toContain('Add a delivery address');
  });

  it('with one: the cart, the bill, "Place order", and another address one tap away below', () => {
    const html = render(true);
    expect(phoneOrder(html)).toEqual(['CART', 'BILL', 'PLACE-ORDER', 'ADDRESS-FORM']);
    expect(html.indexOf('ADDRESS-FORM')).toBeGreaterThan(html.indexOf('PLACE-ORDER'));
  });
});
