import 'server-only';

import { eq } from 'drizzle-orm';

import { getDb } from '@/db/client';
import { admins } from '@/db/schema';
import { DEMO_ADMIN, getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { loginCooldown } from '@/lib/ratelimit/login';

import { knowsAdmin, type AdminDevice } from './admin-device';
import { strangerHashSlots } from './hash-slots';
import type { LoginAttempts } from './login-attempts';
import { dummyPasswordHash, verifyPassword } from './password';
import { createSession } from './sessions';

export type SignInError = 'invalid-credentials' | 'unavailable' | 'too-many-attempts';

export type SignInResult =
  | { ok: true; sessionId: string }
  | { ok: false; error: Exclude<SignInError, 'too-many-attempts'> }
  | { ok: false; error: 'too-many-attempts'; retryAfterSeconds: number };

export interface SignInContext {
  ip: string;
  /** The browser's admin device cookie, decoded (lib/auth/admin-device.ts), if it has one. */
  device?: AdminDevice | null;
  /** The rate-limit seam (see login-attempts.ts); by default the sign-in cooldown (lib/ratelimit/login.ts). */
  attempts?: LoginAttempts;
}

// Made now, while the server starts, so the first unknown email doesn't pay for it (and stand out).
void dummyPasswordHash();

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password and opens a session. Every failure to match is the same
 * 'invalid-credentials' after the same amount of work (an unknown email is verified against a
 * dummy hash), so neither the answer nor its timing reveals whether an account exists.
 */
export async function signIn(emailInput: string, password: string, context: SignInContext): Promise<SignInResult> {
  const attempts = context.attempts ?? loginCooldown();
  const email = normalizeEmail(emailInput);
  const knownDevice = context.device && knowsAdmin(context.device, email) ? context.device.id : undefined;
  const key = { email, ip: context.ip, ...(knownDevice ? { knownDevice } : {}) };

  // The failure is spent before the password is hashed and kept only if the attempt fails: checked
  // first and counted after, guesses sent at once all passed while the first hashes ran (decision 013).
  const spent = await attempts.spend(key);
  if (!spent.allowed) return { ok: false, error: 'too-many-attempts', retryAfterSeconds: spent.retryAfterSeconds };

  let verdict: Awaited<ReturnType<typeof judge>> | 'busy' | undefined;
  try {
    // The admin's own browser is never turned away: its budget is its own, and nobody else has its cookie.
    verdict = knownDevice ? await judge(email, password) : await strangerHashSlots().run(() => judge(email, password));
  } finally {
    // A matching password (an enabled admin's), a database that couldn't be read or an error is no failure. A lost give-back
    // costs one attempt of the budget; it must not turn a right password into an error.
    if (verdict !== 'wrong') await spent.giveBack().catch(() => {});
  }
  if (verdict === 'wrong') return { ok: false, error: 'invalid-credentials' };
  // A full line of strangers' attempts: told to try again, which a person does in a moment.
  if (verdict === 'unavailable' || verdict === 'busy') return { ok: false, error: 'unavailable' };
  const sessionId = await createSession({
    kind: 'admin',
    adminId: verdict.id,
    email: verdict.email,
    name: verdict.name,
    epoch: verdict.epoch,
  });
  if (!sessionId) return { ok: false, error: 'unavailable' };
  await attempts.recordSuccess(key);
  return { ok: true, sessionId };
}

/**
 * The admin whose password this is, or 'wrong' for every kind of no: an unknown email is verified
 * against a dummy hash, so it takes as long as a wrong password.
 */
async function judge(email: string, password: string) {
  let admin: { id: number; email: string; name: string; passwordHash: string; disabledAt: Date | null; epoch: number } | undefined;
  try {
    [admin] = await getDb()
      .select({
        id: admins.id,
        email: admins.email,
        name: admins.name,
        passwordHash: admins.passwordHash,
        disabledAt: admins.disabledAt,
        epoch: admins.sessionEpoch,
      })
      .from(admins)
      .where(eq(admins.email, email))
      .limit(1);
  } catch (error) {
    log.error('sign-in could not read admins', { error: error instanceof Error ? error.message : String(error) });
    return 'unavailable' as const;
  }

  const matches = await verifyPassword(password, admin?.passwordHash ?? (await dummyPasswordHash()));
  // The demo credentials are published in the README: whatever a database holds, never in production.
  const demoInProduction = getEnv().NODE_ENV === 'production' && password === DEMO_ADMIN.password;
  // A disabled admin's right password is a failure too: given back, the budget told a guesser which
  // guess was right (attack review, 2026-12-08), ready for the day the admin is enabled again.
  return !admin || !matches || demoInProduction || admin.disabledAt !== null ? ('wrong' as const) : admin;
}
