import { describe, expect, it } from 'vitest';

import { adminStepState } from './admin-step-messages';

const ID = 'Mrf0gQGeltIkQOxEiink9A';

describe('what an admin’s order step says', () => {
  it.each([
    [{ status: 'moved', to: 'out_for_delivery' }, 'done', 'Order #Mrf0gQGe is now out for delivery. The customer gets a text.'],
    [{ status: 'already', to: 'accepted' }, 'refused', 'Order #Mrf0gQGe was already accepted. Nothing changed.'],
    [{ status: 'moved-on', current: 'preparing', to: 'accepted' }, 'refused', 'Order #Mrf0gQGe is already preparing, past that step. Nothing changed.'],
    [{ status: 'moved-on', current: 'cancelled', to: 'accepted' }, 'refused', 'Order #Mrf0gQGe was cancelled (by the customer or an admin). Nothing changed.'],
    [{ status: 'not-yet', current: 'placed', to: 'delivered' }, 'refused', 'Order #Mrf0gQGe is still placed: it can’t be delivered yet. Nothing changed.'],
    [{ status: 'not-found' }, 'refused', 'Order #Mrf0gQGe is not one of this restaurant’s orders. Reload the page.'],
    [{ status: 'invalid' }, 'refused', 'This order’s form is out of date: reload the page and try again.'],
  ] as const)('%o', (outcome, status, message) => {
    expect(adminStepState(ID, outcome)).toEqual({ status, message });
  });
});
