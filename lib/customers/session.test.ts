import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { SessionLookup } from '@/lib/auth/sessions';

const state = vi.hoisted(() => ({ lookup: { status: 'none' } as SessionLookup, redirectedTo: null as string | null }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'a-session-cookie-value' }) }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    state.redirectedTo = to;
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock('@/lib/auth/sessions', () => ({ readSession: async () => state.lookup }));
vi.mock('@/lib/auth/cookie', () => ({ customerSessionCookie: () => ({ name: 'thali_customer' }) }));

const { requireCustomer } = await import('./session');

describe('requireCustomer (the signed-in pages and their actions)', () => {
  beforeEach(() => {
    state.redirectedTo = null;
  });

  it('is the signed-in customer', async () => {
    state.lookup = { status: 'active', session: { kind: 'customer', customerId: 7, phone: '919800000007', epoch: 'e', createdAt: new Date().toISOString() } };
    expect(await requireCustomer('/orders/abc')).toEqual({ customerId: 7, phone: '919800000007' });
  });

  it('sends a signed-out visitor to sign in, and back', async () => {
    state.lookup = { status: 'none' };
    await expect(requireCustomer('/orders/abc')).rejects.toThrow('NEXT_REDIRECT');
    expect(state.redirectedTo).toBe('/login?next=%2Forders%2Fabc');
  });

  it("never sends a signed-in customer to sign in because Redis can't say: the page says it is unavailable", async () => {
    // A customer following their order while Redis is away was sent to a sign-in page that could not
    // sign them in either (it needs Redis too), as though signed out. Null: the page renders the notice
    // itself (a throw to the error boundary answered 500; tests/pages-session-unavailable.test.tsx).
    state.lookup = { status: 'unavailable' };
    expect(await requireCustomer('/orders/abc')).toBeNull();
    expect(state.redirectedTo).toBeNull();
  });
});

describe('requireCustomer from an action with its own sign-in address (the heart)', () => {
  beforeEach(() => {
    state.redirectedTo = null;
  });

  it('sends a signed-out visitor to that address', async () => {
    state.lookup = { status: 'none' };
    await expect(requireCustomer('/bengaluru/meghana', '/login?next=%2Fbengaluru%2Fmeghana&save=1')).rejects.toThrow('NEXT_REDIRECT');
    expect(state.redirectedTo).toBe('/login?next=%2Fbengaluru%2Fmeghana&save=1');
  });
});
