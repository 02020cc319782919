import { styles } from '@/components/admin/styles';
import { TableHead } from '@/components/admin/table-head';
import { MemberActions } from '@/components/admin/team-forms';
import type { ActionState } from '@/lib/admin/action-state';
import { formatWhen } from '@/lib/admin/format';
import type { TeamMember } from '@/lib/admin/team';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Every admin with their status and, per row, what can be done to them (never disabling or deleting yourself). */
export function TeamTable({
  team,
  myId,
  actions,
}: {
  team: TeamMember[];
  myId: number;
  actions: { disableAction: Action; enableAction: Action; deleteAction: Action; passwordAction: Action };
}) {
  return (
    <div className="overflow-x-auto" role="region" aria-label="Team" tabIndex={0}>
      <table className={styles.table} data-testid="team">
        <TableHead columns={['Admin', 'Status', 'Added']} actions />
        <tbody>
          {team.map((member) => (
            <tr key={member.id} data-testid="team-member" data-email={member.email}>
              <td className={styles.td}>
                <p className="font-semibold text-ink">
                  {member.name}
                  {member.id === myId ? <span className="ml-2 text-xs font-medium text-muted">(you)</span> : null}
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
                <MemberActions member={{ ...member, self: member.id === myId }} {...actions} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
