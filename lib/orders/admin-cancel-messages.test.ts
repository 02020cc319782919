import { describe, expect, it } from 'vitest';

import { adminCancelState } from './admin-cancel-messages';

const ID = 'Mrf0gQGeltIkQOxEiink9A';

describe('what an admin’s cancel says', () => {
  it.each([
    [{ status: 'cancelled' }, 'done', 'Order #Mrf0gQGe is cancelled. The customer gets a text with your reason.'],
    [{ status: 'already-cancelled', byCustomer: true }, 'refused', 'Order #Mrf0gQGe was cancelled by the customer. Nothing changed.'],
    [{ status: 'already-cancelled', byCustomer: false }, 'refused', 'Order #Mrf0gQGe was already cancelled. Nothing changed.'],
    [
      { status: 'too-late', current: 'out_for_delivery' },
      'refused',
      'Order #Mrf0gQGe is already out for delivery: it can only be cancelled while placed or accepted. Nothing changed.',
    ],
    [{ status: 'bad-reason' }, 'refused', 'Give the customer a reason of 3 to 120 characters. Nothing changed.'],
    [{ status: 'not-found' }, 'refused', 'Order #Mrf0gQGe is not one of this restaurant’s orders. Reload the page.'],
    [{ status: 'invalid' }, 'refused', 'This order’s form is out of date: reload the page and try again.'],
  ] as const)('%o', (outcome, status, message) => {
    expect(adminCancelState(ID, outcome)).toEqual({ status, message });
  });
});
