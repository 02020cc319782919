import 'server-only';

import type { Database } from '@/db/client';
import { postgresEpochs, type CustomerEpochs } from '@/lib/auth/customer-epoch';
import { createSession, destroySession } from '@/lib/auth/sessions';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { createCustomer, customerIdFor } from './accounts';
import { knowsPhone } from './device';
import { customerKeys } from './keys';
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
  options: OtpOptions & {
    store?: RedisStore;
    sessionTtlMs?: number;
    db?: Database;
    epochs?: CustomerEpochs;
    /**
     * The demo outbox in production (each browser sees only its own codes): a number belongs to the
     * first browser that signs in with it, so another browser that never did can't open its account.
     */
    firstBrowserOnly?: boolean;
  } = {},
): Promise<CustomerSignInResult> {
  let customerId = 0;
  let sessionId: string | null = null;
  // Attack review: the outbox shows a code when it is asked for, while the number has no account; a
  // browser that asked then could still sign in minutes later, into the account another browser had
  // opened meanwhile. A code for an existing account is shown to nobody, so no such sign-in is real.
  // Checked only once a code matched, so a guess costs no Postgres read. Such a browser may only
  // create the account, in one statement: a look first and an upsert after let two browsers that
  // signed in at the same moment both find no account and both get it (a later attack review).
  let ownedElsewhere = false;
  const firstBrowser = options.firstBrowserOnly === true && !knowsPhone(requester.device, phone);
  // Before the code is used up (the upsert is idempotent, so two submits of one code may both run
  // this): with Postgres or Redis away the customer is told to try again, and the same code still
  // works once they answer.
  const account = async () => {
    let created: number | null;
    try {
      created = firstBrowser ? await createCustomer(phone, options.db) : await customerIdFor(phone, options.db);
    } catch (error) {
      log.error('customer sign-in could not write customers', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    if (firstBrowser) created = await openedByThisCode(phone, requester, created, options.store);
    if (created === null) {
      ownedElsewhere = true;
      throw new Error('customer sign-in: the number belongs to another browser');
    }
    customerId = created;
    const epochs = options.epochs ?? (options.db ? postgresEpochs(options.db) : undefined);
    sessionId = await createSession({ kind: 'customer', customerId, phone }, { store: options.store, ttlMs: options.sessionTtlMs, epochs });
    if (!sessionId) throw new Error('customer sign-in: the session could not be created');
  };
  const verified = await verifyOtp(phone, requester, code, options, account);
  if (ownedElsewhere) return { ok: false, error: 'invalid' };
  if (!verified.ok) {
    // Opened for a code another submit used, or whose use failed: nobody holds it, so it goes again.
    if (sessionId) await destroySession(sessionId, { store: options.store });
    return verified;
  }
  return { ok: true, sessionId: sessionId!, customerId };
}

/**
 * The demo outbox's first browser: the account this browser's pending code opened, kept on the code
 * (its `opened` field) so that a retry of the same code finds it. Without it, a first sign-in whose
 * session Redis did not take (or whose answer was lost) had created the account, the retry found it
 * "owned elsewhere", and no code for the number was ever shown to anyone again: the number was lost.
 * `created` is the id the insert returned, or null when the number already had an account.
 */
async function openedByThisCode(phone: string, requester: OtpRequester, created: number | null, store: RedisStore = getRedis()): Promise<number | null> {
  const key = customerKeys.otp(phone, requester.device.id);
  if (created !== null) {
    await store.hset(key, { opened: String(created) });
    // The code expired in between and HSET made a hash without a TTL: it goes (as verifyOtp's own check).
    if ((await store.pttl(key)) === -1) await store.del([key]);
    return created;
  }
  const opened = await store.hget(key, 'opened');
  return opened !== null && /^[1-9]\d{0,9}$/.test(opened) ? Number(opened) : null;
}
