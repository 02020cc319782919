import { getEnv } from '@/lib/env';
import { SECOND, MINUTE, keyPrefix } from '@/lib/redis/keys';

/**
 * Keys of sessions and admin revocation (lib/redis/keys.ts has the rules). Not cache: the gate every
 * signed-in request passes (revocation.ts, sessions.ts).
 */

/**
 * Admin sessions: an idle lifetime that each use extends (SESSION_TTL_HOURS, 8 h by default), and
 * an absolute cap after sign-in that no amount of use extends, so a stolen cookie can't live forever.
 */
export function sessionTtlMs(): number {
  return getEnv().SESSION_TTL_HOURS * 3_600 * SECOND;
}
export const SESSION_MAX_AGE_MS = 7 * 24 * 3_600 * SECOND;

/**
 * How long Redis keeps an admin's session epoch before it is read from Postgres again: at most one
 * Postgres read per admin per this long, and the longest a revocation Redis missed can go unseen.
 */
export const ADMIN_EPOCH_TTL_MS = MINUTE;

/**
 * How long a customer's session epoch, once checked against Postgres, is trusted from Redis alone
 * (lib/auth/customer-epoch.ts): at most one Postgres read per signed-in customer per this long, and the
 * longest a Redis that lost "sign out of every device" (a failover, an older snapshot) can bring the
 * old sessions back (decision 069). Kept in a key of its own beside the copy (`customerEpochChecked`).
 */
export const CUSTOMER_EPOCH_CHECK_MS = 5 * MINUTE;

/**
 * How long Redis keeps its copy of a customer's session epoch: as long as any session opened since
 * (each sign-in renews it), as the releases before decision 069 kept it. They read the copy alone, as
 * the current epoch, and sign the customer out without it, so a rollback to one of them keeps every
 * customer signed in (decision 077).
 */
export const CUSTOMER_EPOCH_COPY_TTL_MS = SESSION_MAX_AGE_MS;

/**
 * How long a session read waits for Postgres's copy of a customer's epoch once Redis's has expired,
 * before it answers "unavailable" (a primary-key read takes milliseconds). Without it a frozen
 * Postgres held the customer's every request for a statement deadline (6 s), the after-load cart
 * and heart of a cached menu page included; an answer that comes later still fills Redis's copy.
 * Decision 069's amendment.
 */
export const CUSTOMER_EPOCH_READ_BUDGET_MS = SECOND;

/**
 * The same for an admin's epoch (its copy lives ADMIN_EPOCH_TTL_MS): without it a frozen Postgres held
 * an admin's request for a statement deadline (6 s) whenever the copy had expired. Decision 013's amendment.
 */
export const ADMIN_EPOCH_READ_BUDGET_MS = SECOND;

export const adminKeys = {
  /** The admin's current session epoch (admins.session_epoch), or `gone` once deleted. */
  epoch: (adminId: number) => `${keyPrefix()}admin:v1:{${adminId}}:epoch`,
} as const;

export const sessionKeys = {
  /**
   * JSON session record (lib/auth/sessions.ts), keyed by the SHA-256 of the cookie's id so that
   * nothing that lists keys ever shows a usable token.
   */
  session: (idHash: string) => `${keyPrefix()}session:${idHash}`,
  /**
   * A customer's session record, next to their epoch (below) in one Cluster slot so one MGET reads
   * both; keyed, like every session, by the SHA-256 of the cookie's value, never the value.
   */
  customerSession: (customerId: number, idHash: string) => `${keyPrefix()}session:v2:customer:{${customerId}}:${idHash}`,
  /**
   * Redis's copy of the random token every session of the customer carries from sign-in (Postgres has
   * it: customers.session_epoch); "sign out of every device" replaces both. Lives
   * CUSTOMER_EPOCH_COPY_TTL_MS (7 days, renewed by each sign-in), as before decision 069, so a release
   * from before 069 reads it as it always did (decision 077).
   */
  customerEpoch: (customerId: number) => `${keyPrefix()}session:v2:customer:{${customerId}}:epoch`,
  /**
   * The copy's value as last checked against Postgres, for CUSTOMER_EPOCH_CHECK_MS: while it equals the
   * copy, a session read trusts the copy; otherwise it asks Postgres (lib/auth/customer-epoch.ts). In
   * the same Cluster slot, so one MGET reads the session, the copy and this (decisions 069, 077).
   */
  customerEpochChecked: (customerId: number) => `${keyPrefix()}session:v2:customer:{${customerId}}:epoch:checked`,
} as const;
