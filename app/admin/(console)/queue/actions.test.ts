import { beforeEach, describe, expect, it, vi } from 'vitest';

// The dead-letter buttons while Redis can't confirm the admin's session: back to the queue page with a
// notice that nothing was done, neither a thrown action (a 500 and the error boundary) nor a silent no-op.
const state = vi.hoisted(() => ({ admin: null as null | { adminId: number; email: string; name: string }, retry: vi.fn(), discard: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirected to ${to}`);
  },
}));
vi.mock('@/lib/auth/admin', () => ({ requireAdmin: async () => state.admin }));
vi.mock('@/lib/queue/admin', () => ({ retryDeadLetter: state.retry, discardDeadLetter: state.discard }));

const { discardDeadLetterAction, retryDeadLetterAction } = await import('./actions');

const form = () => {
  const data = new FormData();
  data.set('queue', 'sms');
  data.set('id', 'job-1');
  return data;
};

describe('dead-letter actions', () => {
  beforeEach(() => {
    state.retry.mockReset().mockResolvedValue({ status: 'done' });
    state.discard.mockReset().mockResolvedValue({ status: 'done' });
  });

  it.each([
    ['retry', retryDeadLetterAction],
    ['discard', discardDeadLetterAction],
  ])('%s: with the session unconfirmed, does nothing and returns to the queue with a notice', async (_name, action) => {
    state.admin = null;
    await expect(action(form())).rejects.toThrow('redirected to /admin/queue?notice=session-unavailable');
    expect(state.retry).not.toHaveBeenCalled();
    expect(state.discard).not.toHaveBeenCalled();
  });

  it('retries as the signed-in admin', async () => {
    state.admin = { adminId: 4, email: 'a@thali.test', name: 'A' };
    await retryDeadLetterAction(form());
    expect(state.retry).toHaveBeenCalledWith(4, 'sms', 'job-1');
  });
});
