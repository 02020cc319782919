'use server';

import { revalidatePath } from 'next/cache';

import { requireAdminForAction } from '@/lib/auth/admin';
import { asForm } from '@/lib/http/form';
import { log } from '@/lib/log';
import { discardDeadLetter, retryDeadLetter, type DeadLetterOutcome } from '@/lib/queue/admin';

/** Retry and discard of dead letters. Each checks the session itself; lib/queue/admin.ts audits both. */

async function run(what: string, operation: (adminId: number) => Promise<DeadLetterOutcome>): Promise<void> {
  // Redis could not confirm the session: nothing is done, and the page stays (decision 022).
  const admin = await requireAdminForAction();
  if (!admin) {
    log.warn(`queue ${what} not done: the session could not be checked`);
    return;
  }
  try {
    const outcome = await operation(admin.adminId);
    if (outcome.status !== 'done') log.warn(`queue ${what} not done`, { status: outcome.status });
  } catch (error) {
    log.error(`queue ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  }
  revalidatePath('/admin/queue');
}

export async function retryDeadLetterAction(formData: FormData): Promise<void> {
  const form = asForm(formData);
  await run('retry', (adminId) => retryDeadLetter(adminId, form.get('queue'), form.get('id')));
}

export async function discardDeadLetterAction(formData: FormData): Promise<void> {
  const form = asForm(formData);
  await run('discard', (adminId) => discardDeadLetter(adminId, form.get('queue'), form.get('id')));
}
