import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

import { adminKeys, SESSION_MAX_AGE_MS, sessionKeys, sessionTtlMs } from './keys';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';
import { guardedRedis, type GuardedResult } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { forgetConfirmed, forgetCustomerConfirmed, recentlyConfirmed, rememberConfirmed } from './confirmed-sessions';
import { checkedCustomerEpoch, customerEpochForSignIn, postgresEpochs, replaceCustomerEpoch, type CustomerEpochs } from './customer-epoch';
import { currentEpoch } from './revocation';
import { sessionRecord, type NewSession, type SessionRecord } from './session-record';

/**
 * Server-side sessions in Redis. The cookie carries only a random id; Redis holds the record under
 * the SHA-256 of that id, so a key listing (the admin's cache inspector, `redis-cli --scan`) never
 * shows a usable token. Deleting the key signs the session out on every instance at once.
 *
 * Sessions are not cache, so Redis trouble fails closed: calls go through `guardedRedis` (the same
 * timeout, outage logging and circuit breaker as the cache) but `ok: false` means "unavailable",
 * never "carry on without". Reads respect the breaker, so during an outage admin pages answer
 * "sign-in unavailable" at once instead of each waiting out a timeout; the rare writes (sign-in,
 * sign-out) try even while it is open, as invalidation does. One slow read is not an outage: a read
 * that fails is tried once more within its budget, and a session this process saw Redis confirm in
 * the last few seconds stays valid while Redis doesn't answer (docs/decisions/022-admins-through-a-slow-redis.md).
 */

export type { AdminSessionRecord, CustomerSessionRecord, NewSession, SessionRecord } from './session-record';

export type SessionLookup =
  | { status: 'active'; session: SessionRecord }
  | { status: 'none' }
  | { status: 'unavailable' };

export interface SessionOptions {
  store?: RedisStore;
  /** Idle lifetime; the configured one by default. */
  ttlMs?: number;
  /** Current time in ms, for tests of the absolute cap. */
  now?: number;
  /** Where customers' epochs are kept (customer-epoch.ts): Postgres by default. */
  epochs?: CustomerEpochs;
  /**
   * The first read already made, within a wider MGET that listed customerSessionKeys' keys (the menu's
   * visitor request, decision 078), and when it was sent: a failed one is retried as any other.
   */
  firstRead?: FirstSessionRead;
}

export interface FirstSessionRead {
  read: GuardedResult<(string | null)[]>;
  /** performance.now() when it was sent. */
  started: number;
  /** What it read (customerSessionKeys' keys): used only by a read that would ask for exactly these. */
  keys: readonly string[];
}

/** 32 random bytes as base64url: 43 characters, 256 bits. */
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/**
 * An admin's cookie names the admin too, `<admin id>.<id>`, so the session read can fetch that
 * admin's epoch in the same round trip as the session (the record must agree on the admin).
 */
const ADMIN_VALUE = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/;
/**
 * A customer's names the customer, `c<customer id>.<id>`, so the session read gets the customer's
 * session epoch in the same command (one MGET: the two keys share a Cluster slot). A session is valid
 * only while it carries the current epoch, which "sign out of every device" replaces
 * (docs/decisions/061-customer-sessions-carry-an-epoch.md); Postgres keeps the epoch and Redis a
 * short-lived copy (customer-epoch.ts, decision 069).
 */
const CUSTOMER_VALUE = /^c([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/;

function adminIdOf(value: string): number | undefined {
  const match = ADMIN_VALUE.exec(value);
  return match ? Number(match[1]) : undefined;
}

function customerIdOf(value: string): number | undefined {
  const match = CUSTOMER_VALUE.exec(value);
  return match ? Number(match[1]) : undefined;
}

function wellFormed(value: string | undefined): value is string {
  return value !== undefined && (ID_PATTERN.test(value) || ADMIN_VALUE.test(value) || CUSTOMER_VALUE.test(value));
}

/**
 * The keys a customer's session read asks for, in its order (the session, their epoch, its check: one Cluster
 * slot, the customer's), and the customer the cookie value names, which only the read confirms; null
 * for any other value. For a caller that reads them within a wider MGET (readSession's `firstRead`).
 */
export function customerSessionKeys(value: string | undefined): { customerId: number; keys: string[] } | null {
  const customerId = value === undefined ? undefined : customerIdOf(value);
  if (customerId === undefined || !wellFormed(value)) return null;
  return { customerId, keys: customerReadKeys(sessionKey(value!), customerId) };
}

/** What a customer's session read asks for, in order: the session, the copy of their epoch, its check (decision 077). */
function customerReadKeys(key: string, customerId: number): string[] {
  return [key, sessionKeys.customerEpoch(customerId), sessionKeys.customerEpochChecked(customerId)];
}

function readsKeys(read: FirstSessionRead | undefined, keys: readonly string[]): read is FirstSessionRead {
  return read !== undefined && read.keys.length === keys.length && read.keys.every((name, i) => name === keys[i]);
}

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The Redis key of the session behind a cookie value: the value's SHA-256, never the value (a customer's beside their epoch). */
export function sessionKey(value: string): string {
  const hash = createHash('sha256').update(value).digest('hex');
  const customerId = customerIdOf(value);
  return customerId === undefined ? sessionKeys.session(hash) : sessionKeys.customerSession(customerId, hash);
}

/** Stores a new session and returns the cookie value that names it, or null when Redis can't take it. */
export async function createSession(record: NewSession, options: SessionOptions = {}): Promise<string | null> {
  const store = options.store ?? getRedis();
  const id = record.kind === 'admin' ? `${record.adminId}.${newSessionId()}` : `c${record.customerId}.${newSessionId()}`;
  const now = options.now ?? Date.now();
  const ttlMs = options.ttlMs ?? sessionTtlMs();
  const times = { createdAt: new Date(now).toISOString(), expiresAt: new Date(now + ttlMs).toISOString() };
  let value: SessionRecord;
  if (record.kind === 'customer') {
    const epoch = await customerEpochForSignIn(record.customerId, newSessionId(), store, options.epochs ?? postgresEpochs());
    if (epoch === null) return null;
    value = { ...record, epoch, ...times };
  } else {
    value = { ...record, ...times };
  }
  const written = await guardedRedis(
    'session.create',
    // NX: a 256-bit id never collides, and if it somehow did, it must not take over another session.
    (redis) => redis.set(sessionKey(id), JSON.stringify(value), { px: ttlMs, nx: true }),
    store,
    { bypassBreaker: true },
  );
  return written.ok && written.value ? id : null;
}

/**
 * Ends every session a customer has, on every instance ("sign out of every device"): a new epoch, which
 * no session carries. False when Postgres or Redis could not be written: the customer should try again.
 */
export async function destroyCustomerSessions(customerId: number, options: SessionOptions = {}): Promise<boolean> {
  forgetCustomerConfirmed(customerId);
  return replaceCustomerEpoch(customerId, newSessionId(), options.store ?? getRedis(), options.epochs ?? postgresEpochs());
}

/**
 * The session behind a cookie value. Extends the idle lifetime only once less than half of it is
 * left, so a busy visitor costs one write per half-TTL rather than one per request.
 */
export async function readSession(id: string | undefined, options: SessionOptions = {}): Promise<SessionLookup> {
  if (!wellFormed(id)) return { status: 'none' };
  const key = sessionKey(id);
  const adminId = adminIdOf(id);
  const customerId = customerIdOf(id);
  const store = options.store ?? getRedis();
  const ttlMs = options.ttlMs ?? sessionTtlMs();

  const now = options.now ?? Date.now();
  // A first read made elsewhere counts only if it asked for this cookie's keys (customerSessionKeys).
  const firstRead = customerId !== undefined && readsKeys(options.firstRead, customerReadKeys(key, customerId)) ? options.firstRead : undefined;
  const read = await readWithRetry(key, adminId, customerId, store, firstRead);
  if (!read.ok) {
    const confirmed = recentlyConfirmed(key, now);
    return confirmed ? { status: 'active', session: confirmed } : { status: 'unavailable' };
  }
  const [raw = null, epochValue = null, checked = null] = read.value;
  if (raw === null) {
    forgetConfirmed(key);
    return { status: 'none' };
  }

  const session = parseRecord(raw);
  const drop = async (): Promise<SessionLookup> => {
    forgetConfirmed(key);
    await guardedRedis('session.drop', (redis) => redis.del([key]), store, { bypassBreaker: true });
    return { status: 'none' };
  };
  if (!session || now - Date.parse(session.createdAt) >= SESSION_MAX_AGE_MS) {
    if (!session) log.warn('dropping an unreadable session record');
    return drop();
  }
  // An admin session lives only under its own admin's cookie value, and only in that admin's current epoch.
  const expectedAdmin = session.kind === 'admin' ? session.adminId : undefined;
  if (expectedAdmin !== adminId) return drop();
  // A customer's only under their own value (see CUSTOMER_VALUE), and only in their current epoch:
  // Redis's copy, trusted alone while a check against Postgres vouches for it (customer-epoch.ts).
  if (session.kind === 'customer') {
    if (customerId !== session.customerId) return drop();
    if (epochValue !== null && epochValue !== session.epoch) return drop();
    if (epochValue === null || checked !== epochValue) {
      const epoch = await checkedCustomerEpoch(session.customerId, epochValue, store, options.epochs ?? postgresEpochs());
      if (epoch === undefined) return { status: 'unavailable' };
      if (epoch !== session.epoch) return drop();
    }
  }
  if (session.kind === 'admin') {
    const epoch = await currentEpoch(session.adminId, epochValue, store);
    if (epoch === null) return { status: 'unavailable' };
    if (epoch !== session.epoch) return drop();
  }
  rememberConfirmed(key, session, now);

  // A record from before `expiresAt` was kept is extended at once (its key's TTL is unknown).
  if (Date.parse(session.expiresAt ?? session.createdAt) - now < ttlMs / 2) {
    // A rewrite, so the next read knows the new expiry without a PTTL; XX, so it can't bring back a
    // session a sign-out deleted since the read. A failed one costs nothing now: the key still has its TTL.
    const touched = JSON.stringify({ ...session, expiresAt: new Date(now + ttlMs).toISOString() });
    await guardedRedis('session.touch', (redis) => redis.set(key, touched, { px: ttlMs, xx: true }), store);
  }
  return { status: 'active', session };
}

/** Deletes the session; false when Redis could not be reached (the key then lives out its TTL). */
export async function destroySession(id: string | undefined, options: SessionOptions = {}): Promise<boolean> {
  if (!wellFormed(id)) return true;
  forgetConfirmed(sessionKey(id));
  const deleted = await guardedRedis(
    'session.destroy',
    (redis) => redis.del([sessionKey(id)]),
    options.store ?? getRedis(),
    { bypassBreaker: true },
  );
  if (!deleted.ok) log.warn('could not delete a session from Redis: it stays valid until it expires');
  return deleted.ok;
}

/**
 * The record, and the epoch it must carry (an admin's as Redis caches it, lib/auth/revocation.ts; a
 * customer's copy and its check), in one command for a customer (MGET: one Cluster slot) and one round trip for an
 * admin. A read that fails (not one the breaker skipped) is tried once more if the first left room for
 * it, so one slow read is not taken for an outage.
 */
async function readWithRetry(key: string, adminId: number | undefined, customerId: number | undefined, store: RedisStore, firstRead?: FirstSessionRead) {
  const started = firstRead?.started ?? performance.now();
  const read = () =>
    guardedRedis(
      'session.read',
      (redis): Promise<(string | null)[]> => {
        if (customerId !== undefined) return redis.mget(customerReadKeys(key, customerId));
        if (adminId !== undefined) return Promise.all([redis.get(key), redis.get(adminKeys.epoch(adminId))]);
        return Promise.all([redis.get(key), null]);
      },
      store,
    );
  const first = firstRead?.read ?? (await read());
  if (first.ok || first.reason === 'skipped' || performance.now() - started >= 2 * getEnv().REDIS_TIMEOUT_MS) return first;
  return read();
}

function parseRecord(raw: string): SessionRecord | null {
  try {
    const parsed = sessionRecord.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
