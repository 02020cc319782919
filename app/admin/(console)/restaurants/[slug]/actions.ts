'use server';

import { revalidatePath } from 'next/cache';

import { formValues, NOT_CHECKED, stateFromOutcome, type ActionState, type FormValues } from '@/lib/admin/action-state';
import { failedChangeMessage } from '@/lib/admin/save-failure';
import { requireAdmin } from '@/lib/auth/admin';
import { log } from '@/lib/log';
import { createMenuItem, deleteMenuItem, setMenuItemAvailability, updateMenuItem, updateRestaurant, type MutationOutcome } from '@/lib/menus/mutations';
import { isSlug } from '@/lib/menus/slug';
import { saveOffer } from '@/lib/offers/mutations';

/**
 * The restaurant page's writes. Each checks the session itself (a layout's check does not protect a
 * server action, which can be posted to directly), hands the form to a mutation in lib/menus, and
 * answers with state for the form. Pages are rendered per request, so the only thing to refresh
 * after a save is the admin page itself (new values, new version, the audit entry).
 */

const OUT_OF_DATE: ActionState = { status: 'failed', message: 'This form is out of date: reload the page and try again.' };

const restaurantPath = (slug: string) => `/admin/restaurants/${slug}`;

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2_147_483_647;
}

async function answer(
  values: FormValues,
  messages: { saved: string; notFound: string },
  save: () => Promise<MutationOutcome<unknown>>,
  refresh: string[],
): Promise<ActionState> {
  let outcome: MutationOutcome<unknown>;
  try {
    outcome = await save();
  } catch (error) {
    // Nothing changed, unless Postgres stopped answering after COMMIT was sent; the admin keeps what they typed.
    log.error('admin save failed', { error: error instanceof Error ? error.message : String(error) });
    return { status: 'failed', message: failedChangeMessage(error), values };
  }
  if (outcome.status === 'saved') refresh.forEach((path) => revalidatePath(path));
  return stateFromOutcome(outcome, { values, ...messages });
}

export async function saveRestaurant(slug: string, _state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  if (!admin) return { ...NOT_CHECKED, values };
  if (!isSlug(slug)) return OUT_OF_DATE;
  return answer(
    values,
    { saved: 'Restaurant saved.', notFound: 'This restaurant no longer exists.' },
    () => updateRestaurant({ adminId: admin.adminId }, slug, values),
    [restaurantPath(slug)],
  );
}

export async function addItem(slug: string, _state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  if (!admin) return { ...NOT_CHECKED, values };
  if (!isSlug(slug)) return OUT_OF_DATE;
  return answer(
    values,
    { saved: `Added “${values.name?.trim() ?? ''}”.`, notFound: 'This restaurant no longer exists.' },
    () => createMenuItem({ adminId: admin.adminId }, slug, values),
    [restaurantPath(slug)],
  );
}

export async function saveItem(slug: string, itemId: number, _state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  if (!admin) return { ...NOT_CHECKED, values };
  if (!isSlug(slug) || !isId(itemId)) return OUT_OF_DATE;
  return answer(
    values,
    { saved: `Saved “${values.name?.trim() ?? ''}”.`, notFound: 'This item no longer exists: someone may have deleted it.' },
    () => updateMenuItem({ adminId: admin.adminId }, itemId, values),
    [restaurantPath(slug), `${restaurantPath(slug)}/items/${itemId}`],
  );
}

/** The menu list's "Mark unavailable" / "Mark available" on one item (lib/menus/mutations.ts setMenuItemAvailability). */
export async function setItemAvailability(slug: string, _state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  if (!admin) return { ...NOT_CHECKED, values };
  const itemId = Number(values.itemId);
  if (!isSlug(slug) || !isId(itemId)) return OUT_OF_DATE;
  const name = values.itemName ?? `item #${itemId}`;
  return answer(
    values,
    {
      saved: values.available === 'true' ? `“${name}” is available again.` : `“${name}” is unavailable: customers can’t add it now.`,
      notFound: 'This item no longer exists: someone may have deleted it.',
    },
    () => setMenuItemAvailability({ adminId: admin.adminId }, itemId, values),
    [restaurantPath(slug), `${restaurantPath(slug)}/items/${itemId}`],
  );
}

export async function deleteItem(slug: string, _state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  if (!admin) return { ...NOT_CHECKED, values };
  const itemId = Number(values.itemId);
  if (!isSlug(slug) || !isId(itemId)) return OUT_OF_DATE;
  return answer(
    values,
    { saved: `Deleted “${values.itemName ?? `item #${itemId}`}”.`, notFound: 'This item was already deleted.' },
    () => deleteMenuItem({ adminId: admin.adminId }, itemId, values),
    [restaurantPath(slug)],
  );
}

export async function saveRestaurantOffer(slug: string, _state: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(formData);
  if (!admin) return { ...NOT_CHECKED, values };
  if (!isSlug(slug)) return OUT_OF_DATE;
  return answer(
    values,
    { saved: 'Offer saved.', notFound: 'This restaurant no longer exists.' },
    () => saveOffer({ adminId: admin.adminId }, slug, values),
    [restaurantPath(slug)],
  );
}
