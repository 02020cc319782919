import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ owner: null as string | null }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({ redirect: (to: string) => { throw new Error(`NEXT_REDIRECT ${to}`); } }));
// No session cookie: signed out (the guest's cart is currentCartOwner's answer below).
vi.mock('@/lib/auth/cookie-session', () => ({ lookUpSessionCookie: async () => ({ status: 'signed-out' }) }));
vi.mock('@/lib/cart/current', () => ({ currentCartOwner: async () => state.owner }));
const setQuantity = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('@/lib/cart/cart', () => ({ setQuantity }));

const { changeCheckoutQuantity } = await import('./actions');

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
