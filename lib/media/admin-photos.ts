import 'server-only';

import { stateFromOutcome, type ActionState } from '@/lib/admin/action-state';
import { failedChangeMessage } from '@/lib/admin/save-failure';
import { lookUpAdmin } from '@/lib/auth/admin';
import { jsonError } from '@/lib/http/json';
import { readBodyWithin } from '@/lib/http/limited-body';
import { isSameOrigin } from '@/lib/http/same-origin';
import { log } from '@/lib/log';
import { photoTargetExists, setMenuItemPhoto, setRestaurantPhoto, type PhotoOutcome } from '@/lib/menus/photo-mutations';
import { isSlug } from '@/lib/menus/slug';

import { getMediaStore } from './configured-store';
import { MAX_PHOTO_BYTES, PHOTO_MESSAGES } from './limits';
import { processPhoto, type PhotoRefusal } from './process';
import { MediaUnavailableError } from './store';

/**
 * The admin's photo endpoints (app/api/admin/restaurants/…/photo): PUT the image itself as the body,
 * DELETE to remove. Every request is checked here, not by the console's pages, in this order: a
 * request from this site, a signed-in admin (authorizePhotoChange), a known target, a body within
 * the limit, a real image; nothing is stored or changed unless all pass. The answer is the admin
 * forms' ActionState, so the upload form lists what was invalidated as every other save does.
 */

export type PhotoTarget =
  | { kind: 'cover'; restaurantSlug: string }
  | { kind: 'dish'; restaurantSlug: string; itemId: number };

type Change = (adminId: number, photoUrl: string | null) => Promise<PhotoOutcome>;

const REFUSAL_STATUS: Record<PhotoRefusal, number> = { empty: 400, notAnImage: 415, tooManyPixels: 413 };

/** Parses path parameters into a target, or null (answered 404: no such page). */
export function photoTarget(params: { slug: string; id?: string }): PhotoTarget | null {
  if (!isSlug(params.slug)) return null;
  if (params.id === undefined) return { kind: 'cover', restaurantSlug: params.slug };
  if (!/^[1-9]\d{0,8}$/.test(params.id)) return null;
  return { kind: 'dish', restaurantSlug: params.slug, itemId: Number(params.id) };
}

function changeFor(target: PhotoTarget): Change {
  return target.kind === 'cover'
    ? (adminId, photoUrl) => setRestaurantPhoto({ adminId }, target.restaurantSlug, photoUrl)
    : (adminId, photoUrl) => setMenuItemPhoto({ adminId }, target.restaurantSlug, target.itemId, photoUrl);
}

/** The admin behind a request, or the answer that refuses it: the route handlers' first step. */
async function authorizePhotoChange(request: Request): Promise<{ adminId: number } | Response> {
  if (!isSameOrigin(request)) return jsonError(403, 'Photos can only be changed from this site’s admin pages.');
  const lookup = await lookUpAdmin();
  if (lookup.status === 'unavailable') return jsonError(503, 'Sign-in is temporarily unavailable: nothing was changed. Try again in a moment.');
  if (lookup.status !== 'signed-in') return jsonError(401, 'Sign in as an admin to change photos.');
  return { adminId: lookup.admin.adminId };
}

async function save(target: PhotoTarget, adminId: number, photoUrl: string | null, saved: string): Promise<Response> {
  let outcome: PhotoOutcome;
  try {
    outcome = await changeFor(target)(adminId, photoUrl);
  } catch (error) {
    log.error('photo save failed', { error: error instanceof Error ? error.message : String(error) });
    return jsonError(503, failedChangeMessage(error));
  }
  if (outcome.status === 'not-found') return jsonError(404, target.kind === 'cover' ? 'This restaurant no longer exists.' : 'This item no longer exists.');
  const state: ActionState = stateFromOutcome(outcome, { values: {}, saved, notFound: '' });
  return Response.json({ ...state, photoUrl });
}

/** The admin's page re-renders itself after the answer (router.refresh), so no path is revalidated here. */
export async function uploadPhoto(request: Request, target: PhotoTarget | null, adminId: number): Promise<Response> {
  if (!target) return jsonError(404, 'No such restaurant or item.');
  // Known before a byte is read, so an upload for nothing is neither processed nor stored.
  let exists: boolean;
  try {
    exists = await photoTargetExists(target.restaurantSlug, target.kind === 'dish' ? target.itemId : undefined);
  } catch (error) {
    log.error('photo target lookup failed', { error: error instanceof Error ? error.message : String(error) });
    return jsonError(503, failedChangeMessage(error));
  }
  if (!exists) return jsonError(404, 'No such restaurant or item.');

  let body: Awaited<ReturnType<typeof readBodyWithin>>;
  try {
    body = await readBodyWithin(request, MAX_PHOTO_BYTES);
  } catch {
    return jsonError(400, 'The upload was interrupted: nothing was changed. Try again.');
  }
  if (!body.ok) return jsonError(413, PHOTO_MESSAGES.tooLarge);
  const processed = await processPhoto(body.bytes, target.kind);
  if (!processed.ok) return jsonError(REFUSAL_STATUS[processed.reason], processed.message);

  let photoUrl: string;
  try {
    photoUrl = await getMediaStore().put(processed.photo.name, processed.photo.bytes);
  } catch (error) {
    if (error instanceof MediaUnavailableError) return jsonError(503, error.message);
    log.error('photo store failed', { error: error instanceof Error ? error.message : String(error) });
    return jsonError(503, 'The photo could not be stored: nothing was changed. Try again in a moment.');
  }
  const { width, height } = processed.photo;
  return save(target, adminId, photoUrl, `Photo saved (${width} × ${height}, ${Math.ceil(processed.photo.bytes.length / 1024)} KB WebP).`);
}

export async function removePhoto(target: PhotoTarget | null, adminId: number): Promise<Response> {
  if (!target) return jsonError(404, 'No such restaurant or item.');
  return save(target, adminId, null, 'Photo removed: customers see the illustration again.');
}

/** The PUT and DELETE handlers of one photo route; `params` are its path parameters. */
export function photoRouteHandlers<Params extends { slug: string; id?: string }>() {
  type Context = { params: Promise<Params> };
  return {
    async PUT(request: Request, context: Context): Promise<Response> {
      const admin = await authorizePhotoChange(request);
      if (admin instanceof Response) return admin;
      return uploadPhoto(request, photoTarget(await context.params), admin.adminId);
    },
    async DELETE(request: Request, context: Context): Promise<Response> {
      const admin = await authorizePhotoChange(request);
      if (admin instanceof Response) return admin;
      return removePhoto(photoTarget(await context.params), admin.adminId);
    },
  };
}
