'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import { requireAdmin } from '@/lib/auth/admin';
import { SESSION_UNAVAILABLE_NOTICE } from '@/lib/auth/next-path';
import { asForm } from '@/lib/http/form';
import { log } from '@/lib/log';
import { discardDeadLetter, retryDeadLetter, type DeadLetterOutcome } from '@/lib/queue/admin';

/**
 * Retry and discard of dead letters. Each checks the session itself; lib/queue/admin.ts audits both.
 * Their forms keep no state (a button each), so when Redis can't confirm the session they return to the
 * page with a notice that nothing was done, rather than the button silently doing nothing (decision 022).
 */
const unavailableHref = `/admin/queue?notice=${SESSION_UNAVAILABLE_NOTICE}`;

async function run(what: string, operation: () => Promise<DeadLetterOutcome>): Promise<void> {
  try {
    const outcome = await operation();
    if (outcome.status !== 'done') log.warn(`queue ${what} not done`, { status: outcome.status });
  } catch (error) {
    log.error(`queue ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  }
  revalidatePath('/admin/queue');
}

export async function retryDeadLetterAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  if (!admin) redirect(unavailableHref);
  const form = asForm(formData);
  await run('retry', () => retryDeadLetter(admin.adminId, form.get('queue'), form.get('id')));
}

export async function discardDeadLetterAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  if (!admin) redirect(unavailableHref);
  const form = asForm(formData);
  await run('discard', () => discardDeadLetter(admin.adminId, form.get('queue'), form.get('id')));
}
