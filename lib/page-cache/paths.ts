import { isCitySlug, isSlug } from '@/lib/menus/slug';

/**
 * The shared variant of a page: what every visitor without a session or a cart sees at a public
 * address, rendered once and served from the page cache (docs/decisions/046). The proxy rewrites
 * such a visitor's request for `/`, `/<city>` or `/<city>/<restaurant>` to the same address under
 * SHARED_PREFIX; nobody can ask for SHARED_PREFIX directly.
 */
export const SHARED_PREFIX = '/shared';

export type SharedPage =
  | { kind: 'home' }
  | { kind: 'city'; city: string }
  | { kind: 'menu'; city: string; restaurant: string };

/** The shared page a public address has, or null (every other address renders per request). */
export function sharedPageAt(pathname: string): SharedPage | null {
  if (pathname === '/') return { kind: 'home' };
  const parts = pathname.split('/');
  // '/a' → ['', 'a'], '/a/b' → ['', 'a', 'b']; a trailing slash or a third segment has no shared page.
  if (parts.length === 2 && isCitySlug(parts[1])) return { kind: 'city', city: parts[1] };
  if (parts.length === 3 && isCitySlug(parts[1]) && isSlug(parts[2])) return { kind: 'menu', city: parts[1], restaurant: parts[2] };
  return null;
}

/** Where the proxy sends a request for that page: one route (app/shared/[...page]) renders all three kinds. */
export function sharedPathOf(page: SharedPage): string {
  switch (page.kind) {
    case 'home':
      return `${SHARED_PREFIX}/home`;
    case 'city':
      return `${SHARED_PREFIX}/city/${page.city}`;
    case 'menu':
      return `${SHARED_PREFIX}/menu/${page.city}/${page.restaurant}`;
  }
}

/** The page a shared path's segments (after SHARED_PREFIX) name, or null: the inverse of sharedPathOf. */
export function pageOfSegments(segments: readonly string[]): SharedPage | null {
  const [kind, city, restaurant, ...rest] = segments;
  if (rest.length > 0) return null;
  if (kind === 'home' && city === undefined) return { kind: 'home' };
  if (kind === 'city' && isCitySlug(city) && restaurant === undefined) return { kind: 'city', city };
  if (kind === 'menu' && isCitySlug(city) && isSlug(restaurant)) return { kind: 'menu', city, restaurant };
  return null;
}

export function pageOfSharedPath(path: string): SharedPage | null {
  if (!path.startsWith(`${SHARED_PREFIX}/`)) return null;
  return pageOfSegments(path.slice(SHARED_PREFIX.length + 1).split('/'));
}

export function isSharedPath(pathname: string): boolean {
  return pathname === SHARED_PREFIX || pathname.startsWith(`${SHARED_PREFIX}/`);
}
