'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';

import { formValues, stateFromTeam, type ActionState } from '@/lib/admin/action-state';
import { addAdmin, changeAdminPassword, deleteAdmin, setAdminDisabled, type TeamOutcome } from '@/lib/admin/team';
import { requireAdmin } from '@/lib/auth/admin';
import { sessionCookie } from '@/lib/auth/cookie';
import { epochFromPostgres } from '@/lib/auth/revocation';
import { createSession } from '@/lib/auth/sessions';
import { log } from '@/lib/log';

/**
 * The Team page's changes. Each checks the session itself; lib/admin/team.ts validates, audits and
 * ends the sessions of whoever it concerns.
 */

async function run(what: string, saved: string, change: () => Promise<TeamOutcome>, values?: Record<string, string>): Promise<ActionState> {
  let outcome: TeamOutcome;
  try {
    outcome = await change();
  } catch (error) {
    log.error(`team ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    return { status: 'failed', message: 'Nothing was changed: Postgres could not be reached. Try again in a moment.' };
  }
  if (outcome.status === 'saved') revalidatePath('/admin/team');
  return stateFromTeam(outcome, { saved, values });
}

export async function addAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  return run('add', `Added ${values.email ?? 'the admin'}.`, () => addAdmin(admin.adminId, values), values);
}

export async function disableAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return run('disable', 'Disabled.', () => setAdminDisabled(admin.adminId, formValues(formData).id, true));
}

export async function enableAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return run('enable', 'Enabled: they can sign in again.', () => setAdminDisabled(admin.adminId, formValues(formData).id, false));
}

export async function deleteAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return run('delete', 'Deleted.', () => deleteAdmin(admin.adminId, formValues(formData).id));
}

/** A new password ends every session of that admin; changing your own keeps you signed in here with a fresh one. */
export async function changePasswordAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  const state = await run('password', 'Password changed.', () => changeAdminPassword(admin.adminId, values.id, values), values);
  if (state.status === 'saved' && values.id === String(admin.adminId)) await stayHere(admin);
  return state;
}

async function stayHere(admin: { adminId: number; email: string; name: string }): Promise<void> {
  const epoch = await epochFromPostgres(admin.adminId);
  if (epoch === 'gone') return;
  const id = await createSession({ kind: 'admin', adminId: admin.adminId, email: admin.email, name: admin.name, epoch });
  if (!id) return;
  const { name, options } = sessionCookie();
  (await cookies()).set(name, id, options);
}
