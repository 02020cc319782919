import 'server-only';

import { getDb } from '@/db/client';
import { loadAuditByAction, type AuditRow } from '@/lib/menus/admin-queries';

import { listTeam, TEAM_AUDIT_ACTIONS, type TeamMember } from './team';

/** What the Team page shows: every admin, and the latest changes to the team. */
export async function readTeamPage(): Promise<{ team: TeamMember[]; audit: AuditRow[] }> {
  const db = getDb();
  const [team, audit] = await Promise.all([listTeam(db), loadAuditByAction(db, TEAM_AUDIT_ACTIONS, 30)]);
  return { team, audit };
}
