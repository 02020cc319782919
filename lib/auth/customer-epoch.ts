import 'server-only';

import { and, eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { customers } from '@/db/schema';
import { log } from '@/lib/log';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';
import { withDeadlineKeepingLate } from '@/lib/server/deadline';

import { CUSTOMER_EPOCH_CHECK_MS, CUSTOMER_EPOCH_COPY_TTL_MS, CUSTOMER_EPOCH_READ_BUDGET_MS, sessionKeys } from './keys';

/**
 * A customer's session epoch (docs/decisions/069-customer-epochs-kept-in-postgres.md): the token
 * every session of theirs carries, which "sign out of every device" replaces. Postgres keeps it
 * (customers.session_epoch); Redis keeps a copy beside the sessions for as long as any session lives
 * (as the releases before 069 did, which read it alone: decision 077), and beside it the value last
 * checked against Postgres, for CUSTOMER_EPOCH_CHECK_MS. Both are read with each session in one MGET
 * (sessions.ts); the copy is trusted while the check vouches for it, and checked again otherwise. So
 * a Redis that loses the button's write (a failover, a restart from an older snapshot) brings the old
 * sessions back for the check's lifetime at most, and a copy or check it evicts ends no session.
 */

/** Where the epoch is kept for good: Postgres, or a map in tests that have no database. */
export interface CustomerEpochs {
  /** Their epoch, `candidate` stored first if they have none; null when there is no such customer. */
  adopt(customerId: number, candidate: string): Promise<string | null>;
  /** Their epoch; null when they have none (never signed in since epochs were kept) or don't exist. */
  read(customerId: number): Promise<string | null>;
  /** Replaces it (only if it is still `expected`, when given); false when there is no such customer, or it wasn't. */
  replace(customerId: number, epoch: string, expected?: string): Promise<boolean>;
}

export function postgresEpochs(db: Database = getDb()): CustomerEpochs {
  return {
    async adopt(customerId, candidate) {
      const [row] = await db
        .update(customers)
        .set({ sessionEpoch: sql`coalesce(${customers.sessionEpoch}, ${candidate})` })
        .where(eq(customers.id, customerId))
        .returning({ epoch: customers.sessionEpoch });
      return row?.epoch ?? null;
    },
    async read(customerId) {
      const [row] = await db.select({ epoch: customers.sessionEpoch }).from(customers).where(eq(customers.id, customerId)).limit(1);
      return row?.epoch ?? null;
    },
    async replace(customerId, epoch, expected) {
      const which = expected === undefined ? eq(customers.id, customerId) : and(eq(customers.id, customerId), eq(customers.sessionEpoch, expected));
      const rows = await db.update(customers).set({ sessionEpoch: epoch }).where(which).returning({ id: customers.id });
      return rows.length > 0;
    },
  };
}

const warn = (message: string, error: unknown) => log.warn(message, { error: error instanceof Error ? error.message : String(error) });

/**
 * The epoch a session opened now must carry, with Redis's copy made to agree: `candidate` becomes it
 * if the customer has none (Redis's copy first, so sessions opened before Postgres kept epochs live
 * on), or if Redis's copy and Postgres disagree. Null when it can't be settled (Redis or Postgres
 * away, or an epoch that changed meanwhile): the sign-in fails and the customer tries again.
 */
export async function customerEpochForSignIn(customerId: number, candidate: string, store: RedisStore, epochs: CustomerEpochs): Promise<string | null> {
  const key = sessionKeys.customerEpoch(customerId);
  const copy = await guardedRedis('session.epoch', (redis) => redis.get(key), store, { bypassBreaker: true });
  if (!copy.ok) return null;
  let epoch: string | null;
  try {
    epoch = await epochs.adopt(customerId, copy.value ?? candidate);
  } catch (error) {
    warn('customer sign-in: the session epoch could not be read from Postgres', error);
    return null;
  }
  if (epoch === null) return null;
  const stale = copy.value !== null && copy.value !== epoch ? copy.value : null;
  if (stale !== null) {
    // A copy Postgres disagrees with: Redis lost the button's write (a failover, an older snapshot), or
    // the release before 069 pressed it in Redis alone. Which came last can't be told, so neither stands.
    try {
      if (!(await epochs.replace(customerId, candidate, epoch))) return null;
    } catch (error) {
      warn('customer sign-in: the session epoch could not be replaced in Postgres', error);
      return null;
    }
    epoch = candidate;
  }
  const agreed = epoch;
  const settled = await guardedRedis(
    'session.epoch',
    async (redis) => {
      // The disagreeing copy goes (unless the button replaced it meanwhile).
      if (stale !== null) await redis.delifeq(key, stale);
      // The copy outlives the session about to open, as before 069 (a release from before it reads the
      // copy alone: decision 077); one the button wrote meanwhile is kept, and fails this sign-in below.
      if (!(await redis.set(key, agreed, { nx: true, px: CUSTOMER_EPOCH_COPY_TTL_MS }))) await redis.pexpire(key, CUSTOMER_EPOCH_COPY_TTL_MS);
      const current = await redis.get(key);
      if (current === agreed) await redis.set(sessionKeys.customerEpochChecked(customerId), agreed, { px: CUSTOMER_EPOCH_CHECK_MS });
      return current;
    },
    store,
    { bypassBreaker: true },
  );
  return settled.ok && settled.value === agreed ? agreed : null;
}

/**
 * The epoch a customer's sessions must carry when the session read found Redis's copy unchecked (no
 * check beside it, or one for another value): Postgres's, if the copy agrees or is gone (then offered
 * back to Redis with SET NX, so it can't cover a newer one the button wrote meanwhile) and checked for
 * CUSTOMER_EPOCH_CHECK_MS. Null when no session can be valid: the customer has none, or the copy and
 * Postgres disagree (a Redis that lost the button's write, or a press on a release before 069, which
 * writes Redis alone: which is newer can't be told, so neither stands until the next sign-in replaces
 * both). Undefined when Postgres can't say within CUSTOMER_EPOCH_READ_BUDGET_MS (then an answer that
 * comes later is still recorded, so a slow Postgres costs this request alone and the customer's next
 * one needs only Redis). Decisions 069 (and its amendment), 077.
 */
export async function checkedCustomerEpoch(
  customerId: number,
  copy: string | null,
  store: RedisStore,
  epochs: CustomerEpochs,
  budgetMs = CUSTOMER_EPOCH_READ_BUDGET_MS,
): Promise<string | null | undefined> {
  const record = async (epoch: string | null) => {
    if (epoch === null || (copy !== null && copy !== epoch)) return;
    await guardedRedis(
      'session.epoch',
      async (redis) => {
        if (copy === null && !(await redis.set(sessionKeys.customerEpoch(customerId), epoch, { nx: true, px: CUSTOMER_EPOCH_COPY_TTL_MS }))) return;
        // A check the button overwrote meanwhile names an older epoch than the copy: no harm, only read again.
        await redis.set(sessionKeys.customerEpochChecked(customerId), epoch, { px: CUSTOMER_EPOCH_CHECK_MS });
      },
      store,
    );
  };
  let epoch: string | null;
  try {
    // The statement goes on (to its own deadline); its answer, however late, is the current epoch then.
    epoch = await withDeadlineKeepingLate(epochs.read(customerId), budgetMs, 'customer session epoch read', record);
  } catch (error) {
    warn('customer session: the session epoch could not be read from Postgres', error);
    return undefined;
  }
  await record(epoch);
  return copy !== null && copy !== epoch ? null : epoch;
}

/**
 * "Sign out of every device": a new epoch in Postgres, then in Redis's copy and its check. False when
 * either could not be written; when only Redis failed, the sessions still end once the old copy's check
 * expires (CUSTOMER_EPOCH_CHECK_MS): Postgres then disagrees with it.
 */
export async function replaceCustomerEpoch(customerId: number, epoch: string, store: RedisStore, epochs: CustomerEpochs): Promise<boolean> {
  try {
    if (!(await epochs.replace(customerId, epoch))) return false;
  } catch (error) {
    warn('could not end every session of a customer: Postgres did not answer', error);
    return false;
  }
  const copied = await guardedRedis(
    'session.destroy-all',
    async (redis) => {
      await redis.set(sessionKeys.customerEpoch(customerId), epoch, { px: CUSTOMER_EPOCH_COPY_TTL_MS });
      // Without this the next read checks Postgres once, which says the same.
      await redis.set(sessionKeys.customerEpochChecked(customerId), epoch, { px: CUSTOMER_EPOCH_CHECK_MS });
    },
    store,
    { bypassBreaker: true },
  );
  if (!copied.ok) log.warn('a customer’s sessions end when the check of Redis’s copy of their epoch expires: Redis did not take the new one');
  return copied.ok;
}
