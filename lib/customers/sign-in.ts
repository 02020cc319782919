import 'server-only';

import type { Database } from '@/db/client';
import { createSession } from '@/lib/auth/sessions';
import { log } from '@/lib/log';
import type { RedisStore } from '@/lib/redis/types';

import { customerIdFor } from './accounts';
import { verifyOtp, type OtpOptions, type OtpRequester, type VerifyOtpResult } from './otp';

export type CustomerSignInResult =
  | { ok: true; sessionId: string; customerId: number }
  | Exclude<VerifyOtpResult, { ok: true }>;

/**
 * Verifies the code this browser asked for (wrong codes counted against the requester's address) and
 * opens a customer session (`kind: 'customer'`) in the shared session store.
 */
export async function signInWithOtp(
  phone: string,
  requester: OtpRequester,
  code: string,
  options: OtpOptions & { store?: RedisStore; sessionTtlMs?: number; db?: Database } = {},
): Promise<CustomerSignInResult> {
  let customerId = 0;
  // Before the code is used up (an idempotent upsert, so two submits of one code may both run it): with
  // Postgres away the customer is told to try again, and the same code still works once it answers.
  const account = async () => {
    try {
      customerId = await customerIdFor(phone, options.db);
    } catch (error) {
      log.error('customer sign-in could not write customers', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
  const verified = await verifyOtp(phone, requester, code, options, account);
  if (!verified.ok) return verified;
  const sessionId = await createSession(
    { kind: 'customer', customerId, phone },
    { store: options.store, ttlMs: options.sessionTtlMs },
  );
  if (!sessionId) return { ok: false, error: 'unavailable' };
  return { ok: true, sessionId, customerId };
}
