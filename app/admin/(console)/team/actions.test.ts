import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Team page's actions with the session lookup and the team module stubbed: what the admin is
// told when Redis can't confirm the session, and when Postgres fails (after COMMIT: lib/admin/save-failure.test.ts).
const state = vi.hoisted(() => ({
  admin: { adminId: 1, email: 'a@thali.test', name: 'A' } as { adminId: number; email: string; name: string } | null,
  change: vi.fn(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ set: () => {} }) }));
vi.mock('@/lib/auth/admin', () => ({ requireAdmin: async () => state.admin }));
vi.mock('@/lib/admin/team', () => ({
  addAdmin: state.change,
  changeAdminPassword: state.change,
  deleteAdmin: state.change,
  setAdminDisabled: state.change,
}));
vi.mock('@/lib/auth/revocation', () => ({ epochFromPostgres: async () => 2 }));
vi.mock('@/lib/auth/sessions', () => ({ createSession: async () => 'fresh-session' }));

const { addAdminAction, disableAdminAction } = await import('./actions');

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe('Team actions', () => {
  beforeEach(() => {
    state.admin = { adminId: 1, email: 'a@thali.test', name: 'A' };
    state.change.mockReset();
  });

  it("keeps the form and changes nothing when Redis can't confirm the session (no error page, no sign-in page)", async () => {
    state.admin = null;
    const answer = await addAdminAction({ status: 'idle' }, form({ email: 'new@thali.test', name: 'New', password: 'a long passphrase', confirmPassword: 'a long passphrase' }));
    expect(answer).toMatchObject({ status: 'failed', values: { email: 'new@thali.test', name: 'New' } });
    // Never a password back in the answer, whatever went wrong.
    expect(JSON.stringify(answer)).not.toContain('a long passphrase');
    expect(answer.status === 'failed' && answer.message).toMatch(/couldn’t check your sign-in/);
    expect(state.change).not.toHaveBeenCalled();
  });

  it('says nothing was changed when Postgres failed before COMMIT', async () => {
    state.change.mockRejectedValueOnce(new Error('connection refused'));
    const answer = await disableAdminAction({ status: 'idle' }, form({ id: '2' }));
    expect(answer).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Nothing was changed/) });
    state.change.mockRejectedValueOnce(new Error('connection refused'));
    const added = await addAdminAction({ status: 'idle' }, form({ email: 'new@thali.test', password: 'a long passphrase' }));
    expect(JSON.stringify(added)).not.toContain('a long passphrase');
  });
});
