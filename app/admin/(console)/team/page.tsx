import type { Metadata } from 'next';

import { AuditTable } from '@/components/admin/audit-table';
import { PageHeader } from '@/components/admin/page-header';
import { styles } from '@/components/admin/styles';
import { AddAdminForm, MemberActions } from '@/components/admin/team-forms';
import { formatWhen } from '@/lib/admin/format';
import { readTeamPage } from '@/lib/admin/team-reads';
import { requireAdmin } from '@/lib/auth/admin';

import { addAdminAction, changePasswordAction, deleteAdminAction, disableAdminAction, enableAdminAction } from './actions';

export const metadata: Metadata = { title: 'Team' };

export default async function AdminTeamPage() {
  const me = await requireAdmin();
  const { team, audit } = await readTeamPage();

  return (
    <>
      <PageHeader title="Team">
        Who can sign in to this console. Disabling or deleting an admin, or changing their password, signs them out on every
        server at once; each change is in the log below.
      </PageHeader>

      <section className={styles.card} aria-labelledby="team-members">
        <h2 id="team-members" className={styles.sectionTitle}>
          Admins
        </h2>
        <div className="mt-4 overflow-x-auto">
          <table className={styles.table} data-testid="team">
            <thead>
              <tr>
                <th scope="col" className={styles.th}>Admin</th>
                <th scope="col" className={styles.th}>Status</th>
                <th scope="col" className={styles.th}>Added</th>
                <th scope="col" className={`${styles.th} text-right`}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.map((member) => (
                <tr key={member.id} data-testid="team-member" data-email={member.email}>
                  <td className={styles.td}>
                    <p className="font-semibold text-ink">
                      {member.name}
                      {member.id === me.adminId ? <span className="ml-2 text-xs font-medium text-muted">(you)</span> : null}
                    </p>
                    <p className="text-muted">{member.email}</p>
                  </td>
                  <td className={styles.td}>
                    <span
                      data-testid="member-status"
                      className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${member.disabled ? 'bg-stone-100 text-muted' : 'bg-emerald-50 text-emerald-800'}`}
                    >
                      {member.disabled ? 'Disabled' : 'Active'}
                    </span>
                  </td>
                  <td className={`${styles.td} whitespace-nowrap text-muted`}>
                    <time dateTime={member.createdAt.toISOString()}>{formatWhen(member.createdAt)}</time>
                  </td>
                  <td className={styles.td}>
                    <MemberActions
                      member={{ id: member.id, email: member.email, name: member.name, disabled: member.disabled, self: member.id === me.adminId }}
                      disableAction={disableAdminAction}
                      enableAction={enableAdminAction}
                      deleteAction={deleteAdminAction}
                      passwordAction={changePasswordAction}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className={`${styles.card} mt-8`} aria-labelledby="team-add">
        <h2 id="team-add" className={styles.sectionTitle}>
          Add an admin
        </h2>
        <p className="mt-1 text-sm text-muted">Give them the password through a channel of your own; they can change it after signing in.</p>
        <div className="mt-4">
          <AddAdminForm action={addAdminAction} />
        </div>
      </section>

      <section className={`${styles.card} mt-8`} aria-labelledby="team-log">
        <h2 id="team-log" className={styles.sectionTitle}>
          Changes
        </h2>
        <div className="mt-4">
          <AuditTable rows={audit} caption="Team changes, newest first" />
        </div>
      </section>
    </>
  );
}
