import { beforeEach, describe, expect, it, vi } from 'vitest';

// The orders table's step button: the session checked first, bad input and a database that doesn't
// answer are messages in the row (never a thrown action: a 500 and the error boundary).
const state = vi.hoisted(() => ({ admin: null as null | { adminId: number; email: string; name: string }, advance: vi.fn(), cancel: vi.fn(), revalidated: [] as string[] }));
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => void state.revalidated.push(path) }));
vi.mock('@/lib/auth/admin', () => ({ requireAdmin: async () => state.admin }));
vi.mock('@/lib/orders/admin-step', () => ({ advanceOrderForRestaurant: state.advance }));
vi.mock('@/lib/orders/admin-cancel', () => ({ cancelOrderForRestaurant: state.cancel }));

const { advanceOrderAction, cancelOrderAction } = await import('./order-actions');

const ORDER = 'Mrf0gQGeltIkQOxEiink9A';
const form = (fields: Record<string, string> = { orderId: ORDER, to: 'accepted' }) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const idle = { status: 'idle' } as const;

describe('advanceOrderAction', () => {
  beforeEach(() => {
    state.admin = { adminId: 4, email: 'a@thali.test', name: 'A' };
    state.advance.mockReset().mockResolvedValue({ status: 'moved', to: 'accepted' });
    state.revalidated = [];
  });

  it('with the session unconfirmed, does nothing and says so', async () => {
    state.admin = null;
    expect(await advanceOrderAction('tehzeeb', idle, form())).toMatchObject({ status: 'failed', message: expect.stringContaining('Nothing was changed') });
    expect(state.advance).not.toHaveBeenCalled();
  });

  it('moves the order named by the form at the restaurant of the page, and refreshes the page', async () => {
    expect(await advanceOrderAction('tehzeeb', idle, form())).toEqual({ status: 'done', message: 'Order #Mrf0gQGe is now accepted. The customer gets a text.' });
    expect(state.advance).toHaveBeenCalledWith('tehzeeb', { orderId: ORDER, to: 'accepted' }, {}, { adminId: 4 });
    expect(state.revalidated).toEqual(['/admin/restaurants/tehzeeb']);
  });

  it('a stale click says "already accepted"', async () => {
    state.advance.mockResolvedValue({ status: 'already', to: 'accepted' });
    expect(await advanceOrderAction('tehzeeb', idle, form())).toEqual({ status: 'refused', message: 'Order #Mrf0gQGe was already accepted. Nothing changed.' });
  });

  it('a malformed slug is refused before any lookup', async () => {
    expect(await advanceOrderAction('../x', idle, form())).toMatchObject({ status: 'refused', message: expect.stringContaining('out of date') });
    expect(state.advance).not.toHaveBeenCalled();
  });

  it('an empty form is passed on as it is (lib validates) and answered as out of date', async () => {
    state.advance.mockResolvedValue({ status: 'invalid' });
    expect(await advanceOrderAction('tehzeeb', idle, form({}))).toMatchObject({ status: 'refused', message: expect.stringContaining('out of date') });
    expect(state.advance).toHaveBeenCalledWith('tehzeeb', { orderId: undefined, to: undefined }, {}, { adminId: 4 });
  });

  it('Postgres not answering is a message, not a thrown action', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    state.advance.mockRejectedValue(new Error('connection refused'));
    try {
      expect(await advanceOrderAction('tehzeeb', idle, form())).toMatchObject({ status: 'failed', message: expect.stringContaining('trying again is safe') });
    } finally {
      error.mockRestore();
    }
  });
});

describe('cancelOrderAction', () => {
  const cancelForm = (fields: Record<string, string> = { orderId: ORDER, reason: 'Paneer ran out' }) => form(fields);
  beforeEach(() => {
    state.admin = { adminId: 4, email: 'a@thali.test', name: 'A' };
    state.cancel.mockReset().mockResolvedValue({ status: 'cancelled' });
    state.revalidated = [];
  });

  it('with the session unconfirmed, cancels nothing and says so', async () => {
    state.admin = null;
    expect(await cancelOrderAction('tehzeeb', idle, cancelForm())).toMatchObject({ status: 'failed', message: expect.stringContaining('Nothing was changed') });
    expect(state.cancel).not.toHaveBeenCalled();
  });

  it('cancels the order named by the form with its reason, at the restaurant of the page, and refreshes the page', async () => {
    expect(await cancelOrderAction('tehzeeb', idle, cancelForm())).toEqual({
      status: 'done',
      message: 'Order #Mrf0gQGe is cancelled. The customer gets a text with your reason.',
    });
    expect(state.cancel).toHaveBeenCalledWith('tehzeeb', { orderId: ORDER, reason: 'Paneer ran out' }, {}, { adminId: 4 });
    expect(state.revalidated).toEqual(['/admin/restaurants/tehzeeb']);
  });

  it('a missing reason and a malformed slug are messages, never thrown', async () => {
    state.cancel.mockResolvedValue({ status: 'bad-reason' });
    expect(await cancelOrderAction('tehzeeb', idle, cancelForm({ orderId: ORDER }))).toMatchObject({ status: 'refused', message: expect.stringContaining('reason') });
    expect(await cancelOrderAction('../x', idle, cancelForm())).toMatchObject({ status: 'refused', message: expect.stringContaining('out of date') });
    expect(state.cancel).toHaveBeenCalledTimes(1);
  });

  it('Postgres not answering is a message, not a thrown action', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    state.cancel.mockRejectedValue(new Error('connection refused'));
    try {
      expect(await cancelOrderAction('tehzeeb', idle, cancelForm())).toMatchObject({ status: 'failed', message: expect.stringContaining('trying again is safe') });
    } finally {
      error.mockRestore();
    }
  });
});
