import 'server-only';

import { eq } from 'drizzle-orm';

import { getDb } from '@/db/client';
import { admins } from '@/db/schema';
import { DEMO_ADMIN, getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { loginCooldown } from '@/lib/ratelimit/login';

import { knowsAdmin, type AdminDevice } from './admin-device';
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

  const gate = await attempts.check(key);
  if (!gate.allowed) return { ok: false, error: 'too-many-attempts', retryAfterSeconds: gate.retryAfterSeconds };

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
      .where(eq(admins.email, key.email))
      .limit(1);
  } catch (error) {
    log.error('sign-in could not read admins', { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: 'unavailable' };
  }

  const matches = await verifyPassword(password, admin?.passwordHash ?? (await dummyPasswordHash()));
  // The demo credentials are published in the README: whatever a database holds, never in production.
  const demoInProduction = getEnv().NODE_ENV === 'production' && password === DEMO_ADMIN.password;
  if (!admin || !matches || demoInProduction) {
    await attempts.recordFailure(key);
    return { ok: false, error: 'invalid-credentials' };
  }
  // A disabled admin gets the same answer as a wrong password: the form never tells whose account is whose.
  if (admin.disabledAt !== null) return { ok: false, error: 'invalid-credentials' };

  const sessionId = await createSession({ kind: 'admin', adminId: admin.id, email: admin.email, name: admin.name, epoch: admin.epoch });
  if (!sessionId) return { ok: false, error: 'unavailable' };
  await attempts.recordSuccess(key);
  return { ok: true, sessionId };
}
