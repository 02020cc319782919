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
   * SET of the session keys (above: hashes, never tokens) a customer signed in with, so "sign out
   * of every device" can delete them all. Kept as long as a session can live; members of sessions
   * that ended on their own stay until then (a DEL of a missing key costs nothing), and sign-in
   * budgets bound how many a week can add.
   */
  customerSessions: (customerId: number) => `${keyPrefix()}session:v1:customer:{${customerId}}`,
} as const;
