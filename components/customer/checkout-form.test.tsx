import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The form's state after an action (none by default), as useActionState would hand it back.
const after = vi.hoisted(() => ({ state: null as null | Record<string, unknown> }));
vi.mock('react', async (original) => {
  const react = await original<typeof import('react')>();
  return {
    ...react,
    useActionState: (action: unknown, initial: unknown) =>
      after.state ? [after.state, action, false] : react.useActionState(action as never, initial as never),
  };
});

import { CheckoutForm, type AddressOption } from './checkout-form';

const render = (
  totalPaise: number | null,
  addresses: AddressOption[] = [{ id: 7, text: 'Home: 12 MG Road, Bengaluru 560001' }],
  blocked: string | null = totalPaise === null ? 'Not available any more: Dal Tadka. Remove it from your cart to check out.' : null,
) =>
  renderToStaticMarkup(
    createElement(CheckoutForm, {
      addresses,
      action: async () => ({}),
      idempotencyKey: 'k'.repeat(22),
      manageAddressesHref: '/checkout/addresses',
      maxInstructions: 200,
      blocked,
      totalText: totalPaise === null ? '' : '₹384.40',
      totalPaise,
    }),
  );

describe('CheckoutForm', () => {
  it('sends the total its button shows, so the server can refuse a bill that changed since (another tab, a new price)', () => {
    const html = render(38_440);
    expect(html).toContain('Place order · ₹384.40');
    expect(html).toMatch(/<input type="hidden" name="expectedTotalPaise" value="38440"\/>/);
  });

  it('sends no total when there is none to agree to, and its button says no "·" before a missing total', () => {
    const html = render(null);
    expect(html).not.toContain('expectedTotalPaise');
    expect(html).toMatch(/>Place order<\/button>/);
  });

  it('says beside a disabled "Place order" why: no address yet, to add above', () => {
    const html = render(38_440, []);
    const button = html.match(/<button[^>]*type="submit"[^>]*>/)?.[0] ?? '';
    expect(button).toContain('disabled=""');
    expect(button).toContain('aria-describedby="place-order-why"');
    expect(html).toMatch(/<p id="place-order-why"[^>]*>Add a delivery address above to place your order\.<\/p>/);
    expect(html).not.toContain('address below');
  });

  // Customer walkthrough: a dish taken off the menu while in the cart disabled "Place order" with no
  // word beside it; the reason was only in the alert at the top, off screen on a phone.
  it('says beside a disabled "Place order" what is wrong with the cart, and the missing address after it', () => {
    const problem = 'Not available any more: Dal Tadka. Remove it from your cart to check out.';
    const html = render(null, [{ id: 7, text: 'Home: 12 MG Road, Bengaluru 560001' }], problem);
    const button = html.match(/<button[^>]*type="submit"[^>]*>/)?.[0] ?? '';
    expect(button).toContain('disabled=""');
    expect(button).toContain('aria-describedby="place-order-why"');
    expect(html).toMatch(/<p id="place-order-why"[^>]*>Not available any more: Dal Tadka\. Remove it from your cart to check out\.<\/p>/);
    const both = render(null, [], problem);
    expect(both).toMatch(/<p id="place-order-why"[^>]*>Not available any more: Dal Tadka\. Remove it from your cart to check out\. Add a delivery address above to place your order\.<\/p>/);
  });

  it('gives no such reason once there is an address to deliver to', () => {
    const html = render(38_440);
    expect(html).not.toContain('place-order-why');
    expect(html).not.toContain('disabled=""');
  });

  // Product review: an address in another city (a Mumbai one, ordering from Bengaluru) was offered and
  // preselected like any other, and the order placed to it without a word.
  it('marks an address outside the restaurant’s city, and preselects the newest one inside it', () => {
    const html = render(38_440, [
      { id: 7, text: 'Home: 12 MG Road, Bengaluru 560001' },
      { id: 8, text: 'Parents: 4 Marine Drive, Mumbai 400002', outside: 'Not in Bengaluru, where this restaurant delivers' },
    ]);
    expect(html).toContain('Not in Bengaluru, where this restaurant delivers');
    const checked = [...html.matchAll(/<input type="radio"[^>]*name="addressId"[^>]*>/g)].filter(([tag]) => tag.includes('checked=""'));
    expect(checked.map(([tag]) => /value="(\d+)"/.exec(tag)?.[1])).toEqual(['7']);
  });

  // Customer walkthrough: a price changed while checkout was open; the refused press came back with
  // the instructions emptied and Work (the newest) chosen again instead of Home, by React's form reset.
  it('after a refused press, keeps the address it chose and the instructions typed', () => {
    const addresses = [
      { id: 7, text: 'Home: 12 MG Road, Bengaluru 560001' },
      { id: 8, text: 'Work: 5 Residency Road, Bengaluru 560001' },
    ];
    after.state = { error: 'Your cart or its prices changed since this page loaded.', addressId: 7, instructions: 'Ring the bell twice' };
    try {
      const html = render(46_420, addresses);
      const checked = [...html.matchAll(/<input type="radio"[^>]*name="addressId"[^>]*>/g)].filter(([tag]) => tag.includes('checked=""'));
      expect(checked.map(([tag]) => /value="(\d+)"/.exec(tag)?.[1])).toEqual(['7']);
      expect(html).toMatch(/<textarea[^>]*name="instructions"[^>]*>Ring the bell twice<\/textarea>/);
      // An address deleted since (in another tab) falls back to the likely one.
      after.state = { error: 'That address is not saved on your account', addressId: 99, instructions: '' };
      const fallback = render(46_420, addresses);
      const fallbackChecked = [...fallback.matchAll(/<input type="radio"[^>]*name="addressId"[^>]*>/g)].filter(([tag]) => tag.includes('checked=""'));
      expect(fallbackChecked.map(([tag]) => /value="(\d+)"/.exec(tag)?.[1])).toEqual(['8']);
    } finally {
      after.state = null;
    }
  });
});
