import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ owner: null as string | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({ redirect: (to: string) => { throw new Error(`NEXT_REDIRECT ${to}`); } }));
// The request's client address, whose day of orders placeOrder spends (decision 072).
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.42' }) }));
// No session cookie: signed out (the guest's cart is currentCartOwner's answer below).
vi.mock('@/lib/auth/cookie-session', () => ({ lookUpSessionCookie: async () => ({ status: 'signed-out' }) }));
vi.mock('@/lib/cart/current', () => ({ currentCartOwner: async () => state.owner }));
const setQuantity = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('@/lib/cart/cart', () => ({ setQuantity }));

const requireCustomer = vi.hoisted(() => vi.fn(async (): Promise<{ customerId: number } | null> => ({ customerId: 42 })));
vi.mock('@/lib/customers/session', () => ({ requireCustomer }));
const placeOrder = vi.hoisted(() => vi.fn());
vi.mock('@/lib/orders/checkout', () => ({ placeOrder }));

const { changeCheckoutQuantity, submitOrder } = await import('./actions');
const { TransactionDeadlineError } = await import('@/db/deadline-outcome');

describe('changeCheckoutQuantity (− / + on checkout)', () => {
  beforeEach(() => {
    state.owner = null;
    setQuantity.mockClear();
  });

  // Product review: checkout now shows a signed-out guest their cart, whose − / + must change it
  // (this action sent them to the sign-in page instead).
  it('changes the guest cart when signed out, and the customer’s when signed in', async () => {
    state.owner = 'gguest-id';
    expect(await changeCheckoutQuantity(7, 2)).toBe(true);
    expect(setQuantity).toHaveBeenLastCalledWith('gguest-id', 7, 2);
    state.owner = 'c42';
    expect(await changeCheckoutQuantity(7, 0)).toBe(true);
    expect(setQuantity).toHaveBeenLastCalledWith('c42', 7, 0);
  });

  it('changes nothing without a cart owner (no guest id, or a session Redis can’t read) or with bad input', async () => {
    expect(await changeCheckoutQuantity(7, 2)).toBe(false);
    state.owner = 'c42';
    expect(await changeCheckoutQuantity(Number.NaN, 2)).toBe(false);
    expect(await changeCheckoutQuantity(7, 1.5)).toBe(false);
    expect(setQuantity).not.toHaveBeenCalled();
  });

  it('answers false when Redis did not take the change, so the page says it did not', async () => {
    state.owner = 'c42';
    setQuantity.mockRejectedValueOnce(new Error('Redis timed out'));
    expect(await changeCheckoutQuantity(7, 3)).toBe(false);
  });
});

describe('submitOrder (Place order) refused', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };
  const pressed = { idempotencyKey: 'k'.repeat(22), addressId: '7', instructions: 'Ring the bell twice', expectedTotalPaise: '46420' };

  // Customer walkthrough: a price changed while checkout was open; "Place order" was refused, and
  // React's reset after the action wiped the instructions and moved the choice from Home back to the
  // newest address, so the second press would have gone to Work. The answer now carries both back.
  it('answers with the address and instructions it was sent, beside the message', async () => {
    placeOrder.mockResolvedValueOnce({ status: 'changed', message: 'Your cart or its prices changed since this page loaded.' });
    expect(await submitOrder({}, form(pressed))).toEqual({
      error: 'Your cart or its prices changed since this page loaded.',
      addressId: 7,
      instructions: 'Ring the bell twice',
    });
  });

  it('keeps them when placing failed outright or the session could not be read, and sends no address it was not given', async () => {
    placeOrder.mockRejectedValueOnce(new Error('Postgres went away'));
    expect(await submitOrder({}, form(pressed))).toMatchObject({ addressId: 7, instructions: 'Ring the bell twice' });
    requireCustomer.mockResolvedValueOnce(null);
    const answer = await submitOrder({}, form({ ...pressed, addressId: '' }));
    expect(answer).toMatchObject({ instructions: 'Ring the bell twice' });
    expect(answer).not.toHaveProperty('addressId');
  });

  // Fault review "faults": a COMMIT sent to a Postgres that froze may have placed the order, which
  // "could not be placed" denied; pressing again (the same key) finds it if it stands.
  it('says the order may have gone through when its COMMIT went unanswered, and not otherwise', async () => {
    placeOrder.mockRejectedValueOnce(new TransactionDeadlineError('commit', 6_000, false));
    const unknown = await submitOrder({}, form(pressed));
    expect(unknown.error).toMatch(/couldn’t confirm your order.*if it went through, you’ll be taken to it/);
    expect(unknown).toMatchObject({ addressId: 7, instructions: 'Ring the bell twice' });
    placeOrder.mockRejectedValueOnce(new TransactionDeadlineError('begin', 6_000, false));
    expect((await submitOrder({}, form(pressed))).error).toBe('Your order could not be placed just now. Please try again in a moment.');
  });
});
