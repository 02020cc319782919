import 'server-only';

import { eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { admins } from '@/db/schema';
import { ADMIN_EPOCH_READ_BUDGET_MS, ADMIN_EPOCH_TTL_MS, adminKeys } from './keys';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';
import { guardedRedis } from '@/lib/redis/guard';
import { withDeadlineKeepingLate } from '@/lib/server/deadline';
import type { RedisStore } from '@/lib/redis/types';

import { forgetAdminConfirmed } from './confirmed-sessions';

/**
 * Ending every session of one admin at once, on every instance, without a Postgres read per request
 * (docs/decisions/013-admin-lockout-and-revocation.md).
 *
 * Each session records its admin's `session_epoch`; a change raises it in Postgres, then in Redis
 * (`admin:v1:{<id>}:epoch`, refilled with SET NX after ADMIN_EPOCH_TTL_MS), and a session of another
 * epoch is over.
 */

export type Epoch = number | 'gone';

const GONE = 'gone';

function parseEpoch(value: string): Epoch | null {
  if (value === GONE) return GONE;
  const epoch = Number(value);
  return Number.isSafeInteger(epoch) ? epoch : null;
}

/** The admin's epoch in Postgres, or 'gone' when there is no such admin. */
export async function epochFromPostgres(adminId: number, db: Database = getDb()): Promise<Epoch> {
  const [row] = await db.select({ epoch: admins.sessionEpoch }).from(admins).where(eq(admins.id, adminId)).limit(1);
  return row ? row.epoch : GONE;
}

/**
 * The current epoch, given what the session read found in Redis (null: nothing). Missing: read from
 * Postgres and offered back to Redis (SET NX). Null when it can't be known: Postgres unreachable, or
 * silent for ADMIN_EPOCH_READ_BUDGET_MS (then an answer that comes later is still offered to Redis, so
 * a frozen Postgres costs the admin that one request a budget, not a statement deadline; decision
 * 013's amendment, as 069's for customers).
 */
export async function currentEpoch(
  adminId: number,
  cached: string | null,
  store: RedisStore = getRedis(),
  read: (adminId: number) => Promise<Epoch> = (id) => epochFromPostgres(id),
  budgetMs = ADMIN_EPOCH_READ_BUDGET_MS,
): Promise<Epoch | null> {
  const known = cached === null ? null : parseEpoch(cached);
  if (known !== null) return known;
  const offer = async (epoch: Epoch) => {
    await guardedRedis('session.epoch', (redis) => redis.set(adminKeys.epoch(adminId), String(epoch), { nx: true, px: ADMIN_EPOCH_TTL_MS }), store);
  };
  let epoch: Epoch;
  try {
    // The statement goes on (to its own deadline); its answer, however late, is the current epoch then.
    epoch = await withDeadlineKeepingLate(read(adminId), budgetMs, 'admin session epoch read', offer);
  } catch (error) {
    log.warn('admin session: the admin could not be read from Postgres', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
  await offer(epoch);
  return epoch;
}

/**
 * Tells every instance the admin's new epoch (after the Postgres commit that raised it). False when
 * Redis could not be written: sessions then end within ADMIN_EPOCH_TTL_MS instead of at once.
 */
export async function publishEpoch(adminId: number, epoch: Epoch, store: RedisStore = getRedis()): Promise<boolean> {
  forgetAdminConfirmed(adminId);
  const written = await guardedRedis(
    'session.revoke',
    (redis) => redis.set(adminKeys.epoch(adminId), String(epoch), { px: ADMIN_EPOCH_TTL_MS }),
    store,
    { bypassBreaker: true },
  );
  if (!written.ok) log.warn('admin sessions: Redis could not be told; they end when its copy of the epoch expires', { adminId });
  return written.ok;
}

/** SQL that raises the epoch, for the statement that disables an admin or changes their password. */
export const nextEpoch = sql`${admins.sessionEpoch} + 1`;

/** After `npm run db:seed` or a start that changed an admin's password: publish that admin's new epoch. */
export async function publishEpochOf(email: string, db: Database = getDb(), store: RedisStore = getRedis()): Promise<boolean> {
  const [row] = await db.select({ id: admins.id, epoch: admins.sessionEpoch }).from(admins).where(eq(admins.email, email)).limit(1);
  return row ? publishEpoch(row.id, row.epoch, store) : true;
}
