import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { QuantityStepper } from './quantity-stepper';

const render = (disabled: boolean) =>
  renderToStaticMarkup(createElement(QuantityStepper, { quantity: 2, itemName: 'Butter Naan', disabled, onChange: () => {} }));

describe('QuantityStepper', () => {
  it('marks − and + busy while a change is in flight without the disabled attribute, which threw focus to <body>', () => {
    const html = render(true);
    expect(html).not.toMatch(/\sdisabled(=|\s|>)/);
    expect(html.match(/aria-disabled="true"/g)).toHaveLength(2);
  });

  it('is plainly enabled otherwise', () => {
    expect(render(false)).not.toMatch(/aria-disabled="/);
  });
});
