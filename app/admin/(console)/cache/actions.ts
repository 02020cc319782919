'use server';

import { revalidatePath } from 'next/cache';

import { formValues, NOT_CHECKED, stateFromPurge, type ActionState } from '@/lib/admin/action-state';
import { requireAdmin } from '@/lib/auth/admin';
import { purgeKey, purgeNamespace, PurgeInterruptedError, type PurgeOutcome } from '@/lib/admin/cache-purge';
import { log } from '@/lib/log';

/**
 * Purges from the cache page. Each checks the session itself; lib/admin/cache-purge.ts validates that the
 * key or namespace is cache (never sessions, OTPs, rate limits…) and audits every purge.
 */

async function answer(what: string, purge: () => Promise<PurgeOutcome>): Promise<ActionState> {
  let outcome: PurgeOutcome;
  try {
    outcome = await purge();
  } catch (error) {
    // The audit row is written before Redis is touched: a failure before it purged nothing, one after it may have purged some.
    log.error('cache purge failed', { error: error instanceof Error ? error.message : String(error) });
    const message =
      error instanceof PurgeInterruptedError
        ? 'The purge stopped partway: Postgres stopped answering, so some keys may have been purged and its audit entry is unfinished. Purging again is safe.'
        : 'Nothing was purged: the audit log in Postgres could not be written. Try again in a moment.';
    return { status: 'failed', message };
  }
  if (outcome.status === 'purged') revalidatePath('/admin/cache');
  return stateFromPurge(outcome, { what });
}

export async function purgeKeyAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  if (!admin) return NOT_CHECKED;
  const { key } = formValues(formData);
  return answer('the cache', () => purgeKey({ adminId: admin.adminId }, key));
}

export async function purgeNamespaceAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  if (!admin) return NOT_CHECKED;
  const { namespace } = formValues(formData);
  return answer(`“${namespace}”`, () => purgeNamespace({ adminId: admin.adminId }, namespace));
}
