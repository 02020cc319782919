import { describe, expect, it } from 'vitest';

import { statusText } from './texts';

const facts = { orderId: 'Mrf0gQGeltIkQOxEiink9A', totalPaise: 45_000, restaurantName: 'Tehzeeb' };

describe('the cancelled text', () => {
  it('says "as you asked" when the customer cancelled', () => {
    expect(statusText('cancelled', facts)).toBe('Thali: order #Mrf0gQGe from Tehzeeb is cancelled, as you asked. Nothing to pay.');
    expect(statusText('cancelled', { ...facts, cancelReason: null })).toContain('as you asked');
  });

  it('gives the restaurant’s reason when its admin cancelled (decision 068), never "as you asked"', () => {
    expect(statusText('cancelled', { ...facts, cancelReason: 'Paneer ran out' })).toBe(
      'Thali: Tehzeeb cancelled order #Mrf0gQGe: Paneer ran out. Sorry! Nothing to pay.',
    );
  });
});
