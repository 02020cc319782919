import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { MAX_QUANTITY } from '@/lib/orders/limits';

import { QuantityStepper } from './quantity-stepper';

const render = (disabled: boolean, quantity = 2) =>
  renderToStaticMarkup(createElement(QuantityStepper, { quantity, itemName: 'Butter Naan', disabled, onChange: () => {} }));

describe('QuantityStepper', () => {
  it('marks − and + busy while a change is in flight without the disabled attribute, which threw focus to <body>', () => {
    const html = render(true);
    expect(html).not.toMatch(/\sdisabled(=|\s|>)/);
    expect(html.match(/aria-disabled="true"/g)).toHaveLength(2);
  });

  it('is plainly enabled otherwise', () => {
    expect(render(false)).not.toMatch(/aria-disabled="/);
    expect(render(false, MAX_QUANTITY - 1)).not.toMatch(/aria-disabled="/);
  });

  it("says + can add no more at the cart's limit, instead of a press the cart silently takes back", () => {
    const html = render(false, MAX_QUANTITY);
    expect(html.match(/aria-disabled="true"/g)).toHaveLength(1);
    expect(html).toContain(`Butter Naan: at most ${MAX_QUANTITY} per order`);
    expect(html).not.toContain('Add one more Butter Naan');
    // − still takes one out.
    expect(html).toContain('Remove one Butter Naan');
  });
});
