import 'server-only';

/** Set by proxy.ts on admin requests, so a layout can name the page to come back to after sign-in. */
export const ADMIN_PATH_HEADER = 'x-thali-admin-path';

export const ADMIN_HOME = '/admin';
export const LOGIN_PATH = '/admin/login';

const BASE = 'http://thali.invalid';

/**
 * Where to send an admin after sign-in: only a path of this site's admin, never another origin
 * (`//evil.example`, `/\evil.example` and `https:…` all resolve elsewhere) and never the login page
 * itself. Anything else becomes the admin home.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 1_000) return ADMIN_HOME;
  // Browsers read a backslash as a slash and drop tabs and newlines, so `/\evil` means `//evil`.
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return ADMIN_HOME;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return ADMIN_HOME;
  }
  if (url.origin !== BASE) return ADMIN_HOME;
  const { pathname } = url;
  const inAdmin = pathname === ADMIN_HOME || pathname.startsWith(`${ADMIN_HOME}/`);
  const isLogin = pathname === LOGIN_PATH || pathname.startsWith(`${LOGIN_PATH}/`);
  return inAdmin && !isLogin ? `${pathname}${url.search}` : ADMIN_HOME;
}

/** The login page, remembering where to return. */
export type LoginNotice = 'signed-out';

export function loginUrl(next: string, notice?: LoginNotice): string {
  const params = new URLSearchParams();
  const target = safeNextPath(next);
  if (target !== ADMIN_HOME) params.set('next', target);
  if (notice) params.set('notice', notice);
  const query = params.toString();
  return query ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}
