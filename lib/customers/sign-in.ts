import 'server-only';

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
  options: OtpOptions & { store?: RedisStore; sessionTtlMs?: number } = {},
): Promise<CustomerSignInResult> {
  const verified = await verifyOtp(phone, requester, code, options);
  if (!verified.ok) return verified;
  let customerId: number;
  try {
    customerId = await customerIdFor(phone);
  } catch (error) {
    log.error('customer sign-in could not write customers', { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: 'unavailable' };
  }
  const sessionId = await createSession(
    { kind: 'customer', customerId, phone },
    { store: options.store, ttlMs: options.sessionTtlMs },
  );
  if (!sessionId) return { ok: false, error: 'unavailable' };
  return { ok: true, sessionId, customerId };
}
