/**
 * "Sign in to save" on a menu page carries its intent through sign-in: `/login?next=<menu>&save=1`.
 * The link is the same for every visitor (shared pages, docs/decisions/046), and following it saves
 * nothing: the save is part of the sign-in itself (a POST the customer makes, on a page that says
 * which restaurant it will save), never of a GET a third party could link to.
 */

/** `/<city>/<restaurant>`, the only pages whose restaurant a sign-in saves. */
const MENU_PATH = /^\/([a-z0-9-]+)\/([a-z0-9-]+)$/;

/** A menu page's path; arguments are whatever a script sends, so anything but a string is none. */
export function isMenuPath(path: unknown): path is string {
  return typeof path === 'string' && MENU_PATH.test(path);
}

export const SAVE_PARAM = 'save';

/** The signed-out heart's link: sign in, come back to this menu with its restaurant saved. */
export function signInToSaveHref(menuPath: string): string {
  return `/login?next=${encodeURIComponent(menuPath)}&${SAVE_PARAM}=1`;
}

/** The restaurant a sign-in should save: `save=1` with a menu page to return to; else none. */
export function restaurantToSave(next: string, save: unknown): { citySlug: string; restaurantSlug: string } | null {
  if (save !== '1') return null;
  const match = MENU_PATH.exec(next);
  return match ? { citySlug: match[1]!, restaurantSlug: match[2]! } : null;
}
