import { beforeEach, describe, expect, it, vi } from 'vitest';

// The cache page's purge actions with the purge stubbed: what the admin is told when Postgres fails
// before the audit row (nothing purged) and after it (some keys may have been).
const state = vi.hoisted(() => ({ purge: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/auth/admin', () => ({ requireAdmin: async () => ({ adminId: 1, email: 'a@thali.test', name: 'A' }) }));
vi.mock('@/lib/admin/cache-purge', async () => {
  class PurgeInterruptedError extends Error {}
  return { PurgeInterruptedError, purgeKey: state.purge, purgeNamespace: state.purge };
});

const { purgeNamespaceAction } = await import('./actions');
const { PurgeInterruptedError } = await import('@/lib/admin/cache-purge');

const form = (namespace: string) => {
  const data = new FormData();
  data.set('namespace', namespace);
  return data;
};

describe('purge actions', () => {
  beforeEach(() => state.purge.mockReset());

  it('says nothing was purged when the audit row could not be written', async () => {
    state.purge.mockRejectedValueOnce(new Error('connection refused'));
    expect(await purgeNamespaceAction({ status: 'idle' }, form('menu'))).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Nothing was purged/) });
  });

  it('does not say nothing was purged when Postgres failed after keys were purged', async () => {
    state.purge.mockRejectedValueOnce(new PurgeInterruptedError('connection refused'));
    const answer = await purgeNamespaceAction({ status: 'idle' }, form('menu'));
    expect(answer).toMatchObject({ status: 'failed', message: expect.stringMatching(/stopped partway/) });
  });
});
