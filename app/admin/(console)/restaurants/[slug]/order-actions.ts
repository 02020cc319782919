'use server';

import { revalidatePath } from 'next/cache';

import { formValues, NOT_CHECKED } from '@/lib/admin/action-state';
import { requireAdmin } from '@/lib/auth/admin';
import { log } from '@/lib/log';
import { isSlug } from '@/lib/menus/slug';
import { cancelOrderForRestaurant } from '@/lib/orders/admin-cancel';
import { adminCancelState, CANCEL_NOT_CONFIRMED } from '@/lib/orders/admin-cancel-messages';
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
    const outcome = await advanceOrderForRestaurant(slug, { orderId: values.orderId, to: values.to }, {}, { adminId: admin.adminId });
    if (outcome.status === 'moved') log.info('admin moved an order on', { adminId: admin.adminId, orderId: values.orderId, to: values.to });
    revalidatePath(`/admin/restaurants/${slug}`);
    return adminStepState(values.orderId ?? '', outcome);
  } catch (error) {
    // Postgres did not answer: the step may or may not have committed; a retry is the same conditional update.
    log.error('admin order step failed', { error: error instanceof Error ? error.message : String(error) });
    return STEP_NOT_CONFIRMED;
  }
}

/**
 * An admin cancels one of the restaurant's orders with a reason for the customer (an item ran out),
 * while it is placed or accepted; lib/orders/admin-cancel.ts validates and decides it in Postgres,
 * against the customer's cancel and the timer's next step (decision 068).
 */
export async function cancelOrderAction(slug: string, _state: AdminStepState, formData: FormData): Promise<AdminStepState> {
  const admin = await requireAdmin();
  if (!admin) return NOT_CHECKED;
  if (!isSlug(slug)) return FORM_OUT_OF_DATE;
  const values = formValues(formData);
  try {
    const outcome = await cancelOrderForRestaurant(slug, { orderId: values.orderId, reason: values.reason }, {}, { adminId: admin.adminId });
    if (outcome.status === 'cancelled') log.info('admin cancelled an order', { adminId: admin.adminId, orderId: values.orderId });
    revalidatePath(`/admin/restaurants/${slug}`);
    return adminCancelState(values.orderId ?? '', outcome);
  } catch (error) {
    // Postgres did not answer: it may or may not have committed; a retry is the same conditional update.
    log.error('admin order cancel failed', { error: error instanceof Error ? error.message : String(error) });
    return CANCEL_NOT_CONFIRMED;
  }
}
