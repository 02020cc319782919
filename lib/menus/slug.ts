import { z } from 'zod';

/** Lowercase words joined by single hyphens. Checked before any Redis or Postgres call. */
export const slugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by hyphens');

/** Never throws: zod reads properties of a non-string (React's temporary references throw on any). */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && slugSchema.safeParse(value).success;
}

/**
 * The app's own top-level routes (app/<name>): `/login` is not a city. An address under one that
 * names no page (`/cart`, `/api/search`) falls through to app/[city], and is a 404 without a lookup:
 * with Postgres down a lookup answered 500. lib/page-cache/paths.test.ts keeps this equal to app/.
 */
export const TOP_LEVEL_ROUTES: ReadonlySet<string> = new Set(['account', 'admin', 'api', 'cart', 'checkout', 'dev', 'login', 'media', 'orders', 'shared']);

/** A slug that can name a city: never one of the app's own top-level routes. */
export function isCitySlug(value: unknown): value is string {
  return isSlug(value) && !TOP_LEVEL_ROUTES.has(value);
}
