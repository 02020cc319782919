import type { Metadata } from 'next';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { AuditTable } from '@/components/admin/audit-table';
import { PageHeader } from '@/components/admin/page-header';
import { styles } from '@/components/admin/styles';
import { AddAdminForm } from '@/components/admin/team-forms';
import { TeamTable } from '@/components/admin/team-table';
import { readTeamPage } from '@/lib/admin/team-reads';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';

import { addAdminAction, changePasswordAction, deleteAdminAction, disableAdminAction, enableAdminAction } from './actions';

export const metadata: Metadata = { title: 'Team' };

export default async function AdminTeamPage() {
  const me = await requireAdmin();
  if (!me) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
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
        <div className="mt-4">
          <TeamTable
            team={team}
            myId={me.adminId}
            actions={{ disableAction: disableAdminAction, enableAction: enableAdminAction, deleteAction: deleteAdminAction, passwordAction: changePasswordAction }}
          />
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
