'use server';

import { revalidatePath } from 'next/cache';

import { formValues, NOT_CHECKED } from '@/lib/admin/action-state';
import { requireAdmin } from '@/lib/auth/admin';
import { log } from '@/lib/log';
import { isSlug } from '@/lib/menus/slug';
import { advanceOrderForRestaurant } from '@/lib/orders/admin-step';
import { adminStepState, FORM_OUT_OF_DATE, STEP_NOT_CONFIRMED, type AdminStepState } from '@/lib/orders/admin-step-messages';

/**
 * An admin moves one of the restaurant's orders on a step (its orders table). Checks the session
 * itself, as every admin action (Next checks the Origin of a server action's POST, our CSRF guard for
 * all of them); lib/orders/admin-step.ts validates the fields and decides the step in Postgres.
 */
export async function advanceOrderAction(slug: string, _state: AdminStepState, formData: FormData): Promise<AdminStepState> {
  const admin = await requireAdmin();
  if (!admin) return NOT_CHECKED;
  if (!isSlug(slug)) return FORM_OUT_OF_DATE;
  const values = formValues(formData);
  try {
    const outcome = await advanceOrderForRestaurant(slug, { orderId: values.orderId, to: values.to });
    if (outcome.status === 'moved') log.info('admin moved an order on', { adminId: admin.adminId, orderId: values.orderId, to: values.to });
    revalidatePath(`/admin/restaurants/${slug}`);
    return adminStepState(values.orderId ?? '', outcome);
  } catch (error) {
    // Postgres did not answer: the step may or may not have committed; a retry is the same conditional update.
    log.error('admin order step failed', { error: error instanceof Error ? error.message : String(error) });
    return STEP_NOT_CONFIRMED;
  }
}
