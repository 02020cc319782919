import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { admins, auditLog } from '@/db/schema';
import { seedAdmin } from '@/db/seed-admin';
import { addAdmin, changeAdminPassword, deleteAdmin, setAdminDisabled } from '@/lib/admin/team';
import { readSession } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { noLoginLimit } from '@/lib/auth/login-attempts';
import { adminKeys } from '@/lib/auth/keys';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { brokenStore } from '../support/counters';

/**
 * The Team page's writes on every driver: validation and audit, and finding 14: disabling, deleting
 * or re-passwording an admin ends their live sessions at once, on the shared store every instance
 * reads; with Redis unreachable at that moment, within the epoch's lifetime in Redis.
 */
const LEAD = { email: 'lead@thali.test', password: 'lead-long-password', name: 'Lead' };
const context = { ip: '203.0.113.40', attempts: noLoginLimit };

let counter = 0;
const fresh = () => {
  counter += 1;
  return { email: `member-${counter}@thali.test`, name: `Member ${counter}`, password: `member-password-${counter}`, confirmPassword: `member-password-${counter}` };
};

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('the Team page'), () => {
    const backends = setUpBackends(pair, { label: 'team', env: { REDIS_TIMEOUT_MS: '5000' } });
    let leadId: number;

    beforeAll(async () => {
      await seedAdmin(backends.db.db, LEAD);
      [{ id: leadId }] = (await backends.db.db.select({ id: admins.id }).from(admins).where(eq(admins.email, LEAD.email))) as [{ id: number }];
    });

    /** A new admin, signed in: their id and session cookie value. */
    async function member() {
      const input = fresh();
      const added = await addAdmin(leadId, input);
      expect(added.status).toBe('saved');
      const signedIn = await signIn(input.email, input.password, context);
      expect(signedIn.ok).toBe(true);
      return { id: added.status === 'saved' ? added.adminId : 0, session: signedIn.ok ? signedIn.sessionId : '', ...input };
    }

    it('adds an admin, audited without the password; refuses invisible names, short or mismatched passwords and taken emails', async () => {
      const input = fresh();
      const added = await addAdmin(leadId, { ...input, email: ` ${input.email.toUpperCase()} ` });
      expect(added).toMatchObject({ status: 'saved', sessionsEnded: 'none' });
      const [entry] = await backends.db.db.select().from(auditLog).where(eq(auditLog.target, `admin:${added.status === 'saved' ? added.adminId : 0}`));
      expect(entry).toMatchObject({ action: 'admin.create', adminId: leadId, changes: { email: input.email, name: input.name } });
      expect(JSON.stringify(entry)).not.toContain(input.password);

      const refusals = [
        { ...fresh(), name: '\u200B' },
        { ...fresh(), password: 'short', confirmPassword: 'short' },
        { ...fresh(), confirmPassword: 'something-else-entirely' },
        { ...fresh(), email: 'not-an-email' },
        { ...fresh(), email: input.email },
      ];
      for (const refused of refusals) expect((await addAdmin(leadId, refused)).status, JSON.stringify(refused)).toBe('invalid');
    });

    it('finding 14: disabling ends their sessions at once and refuses their sign-in; enabling lets them sign in afresh', async () => {
      const someone = await member();
      expect((await readSession(someone.session)).status).toBe('active');
      expect(await setAdminDisabled(leadId, String(someone.id), true)).toMatchObject({ status: 'saved', sessionsEnded: 'at-once' });
      expect(await readSession(someone.session)).toEqual({ status: 'none' });
      expect(await signIn(someone.email, someone.password, context)).toEqual({ ok: false, error: 'invalid-credentials' });

      expect(await setAdminDisabled(leadId, String(someone.id), false)).toMatchObject({ status: 'saved' });
      const again = await signIn(someone.email, someone.password, context);
      expect(again.ok).toBe(true);
      expect((await readSession(again.ok ? again.sessionId : '')).status).toBe('active');
    });

    it('finding 14: deleting ends their sessions; a new password ends every session and the old password', async () => {
      const deleted = await member();
      expect(await deleteAdmin(leadId, String(deleted.id))).toMatchObject({ status: 'saved', sessionsEnded: 'at-once' });
      expect(await readSession(deleted.session)).toEqual({ status: 'none' });

      const renewed = await member();
      const second = await signIn(renewed.email, renewed.password, context);
      const password = 'a-brand-new-password';
      expect(await changeAdminPassword(leadId, String(renewed.id), { password, confirmPassword: password })).toMatchObject({ status: 'saved' });
      expect(await readSession(renewed.session)).toEqual({ status: 'none' });
      expect(await readSession(second.ok ? second.sessionId : '')).toEqual({ status: 'none' });
      expect(await signIn(renewed.email, renewed.password, context)).toEqual({ ok: false, error: 'invalid-credentials' });
      expect((await signIn(renewed.email, password, context)).ok).toBe(true);
    });

    it('with Redis unreachable at the change, the session ends once Redis’s copy of the epoch is gone (at most a minute)', async () => {
      const someone = await member();
      backends.install(brokenStore());
      try {
        expect(await setAdminDisabled(leadId, String(someone.id), true)).toMatchObject({ status: 'saved', sessionsEnded: 'within-a-minute' });
      } finally {
        backends.install();
      }
      // Redis still holds the old epoch (it missed the change); it expires within ADMIN_EPOCH_TTL_MS.
      expect(await backends.redis.pttl(adminKeys.epoch(someone.id))).toBeLessThanOrEqual(60_000);
      await backends.redis.del([adminKeys.epoch(someone.id)]);
      expect(await readSession(someone.session)).toEqual({ status: 'none' });
    });

    it('refuses to disable or delete yourself or the last admin who can sign in; unknown ids are not found', async () => {
      expect(await setAdminDisabled(leadId, String(leadId), true)).toMatchObject({ status: 'refused' });
      expect(await deleteAdmin(leadId, String(leadId))).toMatchObject({ status: 'refused' });
      const other = await member();
      // Only the lead and `other` may still be enabled here: disable everyone else first.
      const enabled = await backends.db.db.select({ id: admins.id }).from(admins);
      for (const { id } of enabled) if (id !== leadId && id !== other.id) await setAdminDisabled(leadId, String(id), true);
      expect(await setAdminDisabled(leadId, String(other.id), true)).toMatchObject({ status: 'saved' });
      expect(await setAdminDisabled(other.id, String(leadId), true)).toMatchObject({ status: 'refused', message: expect.stringContaining('last admin') });
      for (const id of ['999999', '0', '-1', '3000000000', 'x', undefined]) {
        expect((await setAdminDisabled(leadId, id, true)).status, String(id)).toBe('not-found');
        expect((await deleteAdmin(leadId, id)).status, String(id)).toBe('not-found');
      }
    });
  });
}
