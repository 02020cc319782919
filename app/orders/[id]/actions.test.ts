import { beforeEach, describe, expect, it, vi } from 'vitest';

// The order page's cancel action with the session and cancelOrder stubbed: where each answer lands.
const state = vi.hoisted(() => ({ cancel: vi.fn(), reorder: vi.fn(), customer: { customerId: 7 } as { customerId: number } | null }));
class Redirect extends Error {
  constructor(readonly to: string) {
    super(to);
  }
}
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));
vi.mock('@/lib/customers/session', () => ({ requireCustomer: async () => state.customer }));
vi.mock('@/lib/orders/cancel', () => ({ cancelOrder: state.cancel }));
vi.mock('@/lib/orders/reorder', () => ({ reorder: state.reorder }));

const { cancelOrderAction, reorderAction } = await import('./actions');

const ID = 'AbCdEfGhIjKlMnOpQrStUv';
const landing = async (id: unknown, action: (id: string) => Promise<void> = cancelOrderAction) => {
  try {
    await action(id as string);
  } catch (error) {
    if (error instanceof Redirect) return error.to;
    throw error;
  }
  throw new Error('no redirect');
};

describe('cancel order action', () => {
  beforeEach(() => {
    state.cancel.mockReset();
    state.customer = { customerId: 7 };
  });

  it('shows the cancelled order, on the first post and on a replay alike', async () => {
    state.cancel.mockResolvedValueOnce({ status: 'cancelled' }).mockResolvedValueOnce({ status: 'already-cancelled' });
    expect(await landing(ID)).toBe(`/orders/${ID}`);
    expect(await landing(ID)).toBe(`/orders/${ID}`);
    expect(state.cancel).toHaveBeenCalledWith(7, ID);
  });

  it('says the restaurant has accepted it when too late', async () => {
    state.cancel.mockResolvedValueOnce({ status: 'too-late', current: 'preparing' });
    expect(await landing(ID)).toBe(`/orders/${ID}?cancel=too-late`);
  });

  it('answers someone else’s order, an unknown one and a malformed id alike, without a query for the malformed', async () => {
    state.cancel.mockResolvedValue({ status: 'not-found' });
    expect(await landing(ID)).toBe('/account');
    for (const bad of ['', 'x', `${ID}x`, '\ud800'.repeat(22), 'a'.repeat(30_000), 42, null, { id: ID }]) expect(await landing(bad)).toBe('/account');
    expect(state.cancel).toHaveBeenCalledTimes(1);
  });

  it('says to try again when Postgres fails or the session can’t be read, never a 500', async () => {
    state.cancel.mockRejectedValueOnce(new Error('connection refused'));
    expect(await landing(ID)).toBe(`/orders/${ID}?cancel=failed`);
    state.customer = null;
    expect(await landing(ID)).toBe(`/orders/${ID}?cancel=failed`);
  });
});

describe('reorder action', () => {
  beforeEach(() => {
    state.reorder.mockReset();
    state.customer = { customerId: 7 };
  });

  it('opens checkout, naming the order when dishes were left out so checkout can list them', async () => {
    state.reorder.mockResolvedValueOnce({ status: 'filled', lines: 2, leftOut: [] });
    expect(await landing(ID, reorderAction)).toBe(`/checkout?reordered=${ID}`);
    state.reorder.mockResolvedValueOnce({ status: 'filled', lines: 1, leftOut: [{ name: 'Chicken Dum Biryani', quantity: 2 }] });
    expect(await landing(ID, reorderAction)).toBe(`/checkout?reordered=${ID}`);
    expect(state.reorder).toHaveBeenCalledWith(7, ID);
  });

  it('says why nothing could be put back, and where a failure or a stranger’s order lands', async () => {
    state.reorder.mockResolvedValueOnce({ status: 'nothing', message: 'closed' });
    expect(await landing(ID, reorderAction)).toBe(`/orders/${ID}?reorder=unavailable`);
    state.reorder.mockResolvedValueOnce({ status: 'not-found' });
    expect(await landing(ID, reorderAction)).toBe('/account');
    state.reorder.mockRejectedValueOnce(new Error('connection refused'));
    expect(await landing(ID, reorderAction)).toBe(`/orders/${ID}?reorder=failed`);
  });
});
