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

  it('retries as the signed-in admin, and says so', async () => {
    state.admin = { adminId: 4, email: 'a@thali.test', name: 'A' };
    await expect(retryDeadLetterAction(form())).rejects.toThrow('redirected to /admin/queue?notice=retried');
    expect(state.retry).toHaveBeenCalledWith(4, 'sms', 'job-1');
  });

  // Review (review2): every outcome but a thrown session check reloaded the page and said nothing, so a
  // retry of a job another admin had discarded, or one Redis refused, looked like it worked.
  it.each([
    ['a discard', discardDeadLetterAction, { status: 'done' }, 'discarded'],
    ['a job no longer dead-lettered', retryDeadLetterAction, { status: 'rejected', message: 'gone' }, 'not-dead'],
    ['Redis not answering', discardDeadLetterAction, { status: 'unavailable' }, 'redis-unavailable'],
    ['Postgres refusing the audit row', retryDeadLetterAction, new Error('pg down'), 'failed'],
  ] as const)('answers %s with its own notice', async (_name, action, outcome, notice) => {
    state.admin = { adminId: 4, email: 'a@thali.test', name: 'A' };
    for (const operation of [state.retry, state.discard]) {
      if (outcome instanceof Error) operation.mockRejectedValue(outcome);
      else operation.mockResolvedValue(outcome);
    }
    await expect(action(form())).rejects.toThrow(`redirected to /admin/queue?notice=${notice}`);
  });
});
