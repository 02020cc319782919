import { eq, sql } from 'drizzle-orm';

import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { DEMO_ADMIN, type Env } from '@/lib/env';

import { admins } from './schema';
import type { AnyDb } from './seed';

export interface AdminCredentials {
  email: string;
  password: string;
  name?: string;
}

export type AdminSeedOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates the admin, or brings an existing one's password up to date. Idempotent: hashes are
 * salted, so "has the password changed?" is a verify against the stored hash, not a comparison,
 * and an unchanged password leaves the row (and its updated_at) alone. A changed password raises
 * the admin's session epoch, which ends every session opened with the old one; the caller then
 * publishes it (lib/auth/revocation.ts's publishEpochOf) so they end at once rather than within a minute.
 */
export async function seedAdmin(db: AnyDb, { email, password, name = 'Admin' }: AdminCredentials): Promise<AdminSeedOutcome> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await db
    .select({ id: admins.id, passwordHash: admins.passwordHash })
    .from(admins)
    .where(eq(admins.email, normalized))
    .limit(1);
  if (existing && (await verifyPassword(password, existing.passwordHash))) return 'unchanged';

  const passwordHash = await hashPassword(password);
  await db
    .insert(admins)
    .values({ email: normalized, name, passwordHash })
    // Also covers a concurrent seed inserting the same email between the select and here.
    .onConflictDoUpdate({ target: admins.email, set: { passwordHash, sessionEpoch: sql`${admins.sessionEpoch} + 1`, updatedAt: sql`now()` } });
  return existing ? 'updated' : 'created';
}

export type AdminSource = { credentials: AdminCredentials; source: 'env' | 'demo' } | undefined;

/**
 * Which admin to seed: ADMIN_EMAIL/ADMIN_PASSWORD when both are set; otherwise, only for the
 * embedded database in development, the documented demo account. Never the demo in production
 * (and sign-in refuses the demo password there anyway, whatever a database holds).
 */
export function adminToSeed(env: Env, embedded: boolean): AdminSource {
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    return { credentials: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }, source: 'env' };
  }
  if (embedded && env.NODE_ENV === 'development') return { credentials: { ...DEMO_ADMIN, name: 'Demo admin' }, source: 'demo' };
  return undefined;
}
