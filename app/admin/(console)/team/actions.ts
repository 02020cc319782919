'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';

import { formValues, NOT_CHECKED, stateFromTeam, withoutPasswords, type ActionState } from '@/lib/admin/action-state';
import { failedChangeMessage } from '@/lib/admin/save-failure';
import { addAdmin, changeAdminPassword, deleteAdmin, setAdminDisabled, type TeamOutcome } from '@/lib/admin/team';
import { requireAdmin, type AdminSession } from '@/lib/auth/admin';
import { sessionCookie } from '@/lib/auth/cookie';
import { epochFromPostgres } from '@/lib/auth/revocation';
import { createSession } from '@/lib/auth/sessions';
import { log } from '@/lib/log';

/**
 * The Team page's changes. Each checks the session itself (a form keeps what was typed when Redis
 * can't confirm it: decision 022); lib/admin/team.ts validates, audits and ends the sessions of
 * whoever it concerns.
 */

async function run(
  what: string,
  formData: FormData,
  saved: (values: Record<string, string>) => string,
  change: (admin: AdminSession, values: Record<string, string>) => Promise<TeamOutcome>,
): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  // Passwords are never sent back (stateFromTeam drops them too).
  if (!admin) return { ...NOT_CHECKED, values: withoutPasswords(values) };
  let outcome: TeamOutcome;
  try {
    outcome = await change(admin, values);
  } catch (error) {
    log.error(`team ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    return { status: 'failed', message: failedChangeMessage(error, 'changed'), values: withoutPasswords(values) };
  }
  if (outcome.status === 'saved') revalidatePath('/admin/team');
  return stateFromTeam(outcome, { saved: saved(values), values });
}

export async function addAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return run('add', formData, (values) => `Added ${values.email ?? 'the admin'}.`, (admin, values) => addAdmin(admin.adminId, values));
}

export async function disableAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return run('disable', formData, () => 'Disabled.', (admin, values) => setAdminDisabled(admin.adminId, values.id, true));
}

export async function enableAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return run('enable', formData, () => 'Enabled: they can sign in again.', (admin, values) => setAdminDisabled(admin.adminId, values.id, false));
}

export async function deleteAdminAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return run('delete', formData, () => 'Deleted.', (admin, values) => deleteAdmin(admin.adminId, values.id));
}

/** A new password ends every session of that admin; changing your own keeps you signed in here with a fresh one. */
export async function changePasswordAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return run('password', formData, () => 'Password changed.', async (admin, values) => {
    const outcome = await changeAdminPassword(admin.adminId, values.id, values);
    if (outcome.status === 'saved' && values.id === String(admin.adminId)) await stayHere(admin);
    return outcome;
  });
}

/** Committed already: a failure here signs this admin out (their epoch rose), it does not undo the change. */
async function stayHere(admin: AdminSession): Promise<void> {
  try {
    const epoch = await epochFromPostgres(admin.adminId);
    if (epoch === 'gone') return;
    const id = await createSession({ kind: 'admin', adminId: admin.adminId, email: admin.email, name: admin.name, epoch });
    if (!id) return;
    const { name, options } = sessionCookie();
    (await cookies()).set(name, id, options);
  } catch (error) {
    log.warn('password changed, but a fresh session could not be made: signed out', { error: error instanceof Error ? error.message : String(error) });
  }
}
