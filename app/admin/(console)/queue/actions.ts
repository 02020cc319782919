'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import { requireAdmin } from '@/lib/auth/admin';
import { SESSION_UNAVAILABLE_NOTICE } from '@/lib/auth/next-path';
import { asForm } from '@/lib/http/form';
import { log } from '@/lib/log';
import { discardDeadLetter, retryDeadLetter, type DeadLetterOutcome } from '@/lib/queue/admin';
import type { QueueNotice } from '@/lib/queue/notices';

/**
 * Retry and discard of dead letters. Each checks the session itself; lib/queue/admin.ts audits both.
 * Their forms keep no state (a button each), so each returns to the page with a notice of what it did
 * (lib/queue/notices.ts): done, nothing to do, or why nothing was done (decision 022 for the session).
 */
const back = (notice: QueueNotice) => `/admin/queue?notice=${notice}`;

async function run(what: 'retry' | 'discard', operation: () => Promise<DeadLetterOutcome>): Promise<never> {
  let notice: QueueNotice;
  try {
    const outcome = await operation();
    if (outcome.status !== 'done') log.warn(`queue ${what} not done`, { status: outcome.status });
    notice = outcome.status === 'done' ? (what === 'retry' ? 'retried' : 'discarded') : outcome.status === 'rejected' ? 'not-dead' : 'redis-unavailable';
  } catch (error) {
    log.error(`queue ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    notice = 'failed';
  }
  revalidatePath('/admin/queue');
  redirect(back(notice));
}

export async function retryDeadLetterAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  if (!admin) redirect(back(SESSION_UNAVAILABLE_NOTICE));
  const form = asForm(formData);
  await run('retry', () => retryDeadLetter(admin.adminId, form.get('queue'), form.get('id')));
}

export async function discardDeadLetterAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  if (!admin) redirect(back(SESSION_UNAVAILABLE_NOTICE));
  const form = asForm(formData);
  await run('discard', () => discardDeadLetter(admin.adminId, form.get('queue'), form.get('id')));
}
