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
