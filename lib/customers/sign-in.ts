import 'server-only';

import type { Database } from '@/db/client';
import { postgresEpochs, type CustomerEpochs } from '@/lib/auth/customer-epoch';
import { createSession, destroySession } from '@/lib/auth/sessions';
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
  options: OtpOptions & { store?: RedisStore; sessionTtlMs?: number; db?: Database; epochs?: CustomerEpochs } = {},
): Promise<CustomerSignInResult> {
  let customerId = 0;
  let sessionId: string | null = null;
  // Before the code is used up (the upsert is idempotent, so two submits of one code may both run
  // this): with Postgres or Redis away the customer is told to try again, and the same code still
  // works once they answer.
  const account = async () => {
    try {
      customerId = await customerIdFor(phone, options.db);
    } catch (error) {
      log.error('customer sign-in could not write customers', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const epochs = options.epochs ?? (options.db ? postgresEpochs(options.db) : undefined);
    sessionId = await createSession({ kind: 'customer', customerId, phone }, { store: options.store, ttlMs: options.sessionTtlMs, epochs });
    if (!sessionId) throw new Error('customer sign-in: the session could not be created');
  };
  const verified = await verifyOtp(phone, requester, code, options, account);
  if (!verified.ok) {
    // Opened for a code another submit used, or whose use failed: nobody holds it, so it goes again.
    if (sessionId) await destroySession(sessionId, { store: options.store });
    return verified;
  }
  return { ok: true, sessionId: sessionId!, customerId };
}
