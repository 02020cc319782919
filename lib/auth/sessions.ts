import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

import { adminKeys, SESSION_MAX_AGE_MS, sessionKeys, sessionTtlMs } from './keys';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';

import { forgetConfirmed, recentlyConfirmed, rememberConfirmed } from './confirmed-sessions';
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
}

/** 32 random bytes as base64url: 43 characters, 256 bits. */
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/**
 * An admin's cookie names the admin too, `<admin id>.<id>`, so the session read can fetch that
 * admin's epoch in the same round trip as the session (the record must agree on the admin).
 */
const ADMIN_VALUE = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/;
/**
 * A customer's names the customer, `c<customer id>.<id>`, so the session read asks the customer's
 * session index in the same round trip: a session is valid only while listed there, so "sign out of
 * every device" can't miss one because the index was lost (it has a TTL and is read only at sign-out,
 * so a Redis evicting under volatile-lru drops it first). Losing the index then signs the customer
 * out, as losing a session does.
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

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The Redis key of the session behind a cookie value: the value's SHA-256, never the value. */
export function sessionKey(value: string): string {
  return sessionKeys.session(createHash('sha256').update(value).digest('hex'));
}

/** Stores a new session and returns the cookie value that names it, or null when Redis can't take it. */
export async function createSession(record: NewSession, options: SessionOptions = {}): Promise<string | null> {
  const id = record.kind === 'admin' ? `${record.adminId}.${newSessionId()}` : `c${record.customerId}.${newSessionId()}`;
  const createdAt = new Date(options.now ?? Date.now()).toISOString();
  const value = (record.kind === 'customer' ? { ...record, indexed: true, createdAt } : { ...record, createdAt }) as SessionRecord;
  const written = await guardedRedis(
    'session.create',
    // NX: a 256-bit id never collides, and if it somehow did, it must not take over another session.
    (redis) => redis.set(sessionKey(id), JSON.stringify(value), { px: options.ttlMs ?? sessionTtlMs(), nx: true }),
    options.store ?? getRedis(),
    { bypassBreaker: true },
  );
  if (!written.ok || !written.value) return null;
  if (record.kind === 'customer' && !(await indexCustomerSession(record.customerId, sessionKey(id), options))) {
    // A session "sign out of every device" could not find must not exist: this sign-in fails instead.
    await destroySession(id, options);
    return null;
  }
  return id;
}

async function indexCustomerSession(customerId: number, key: string, options: SessionOptions): Promise<boolean> {
  const index = sessionKeys.customerSessions(customerId);
  const store = options.store ?? getRedis();
  const indexed = await guardedRedis(
    'session.index',
    // Together: one round trip on node-redis. Over Upstash the SCARD may run before the SADD (reads and
    // writes go in separate requests: lib/redis/types.ts), which only delays a prune by one sign-in.
    (redis) => Promise.all([redis.sadd(index, [key]), redis.pexpire(index, SESSION_MAX_AGE_MS), redis.scard(index)]),
    store,
    { bypassBreaker: true },
  );
  if (indexed.ok && indexed.value[2] >= SESSION_INDEX_PRUNE_AT) await pruneCustomerSessions(index, store);
  return indexed.ok;
}

/**
 * Index entries a sign-in takes out once there are this many: those of sessions that have ended
 * (signed out, expired). Each sign-in renews the index's TTL, so without this a customer who keeps
 * signing in grows it without end.
 */
export const SESSION_INDEX_PRUNE_AT = 20;

/** Best effort: an entry left behind names no session, so it only costs its bytes until the next try. */
async function pruneCustomerSessions(index: string, store: RedisStore): Promise<void> {
  await guardedRedis(
    'session.prune',
    async (redis) => {
      const keys = await redis.smembers(index);
      const alive = await Promise.all(keys.map((key) => redis.exists([key])));
      // A session is written before it is listed, so a listed key that is missing has ended.
      const ended = keys.filter((_, i) => alive[i] === 0);
      if (ended.length > 0) await redis.srem(index, ended);
    },
    store,
  );
}

/**
 * Ends every session a customer has, on every instance ("sign out of every device"). False when Redis
 * could not be reached: then some may still be active, and the customer should try again.
 */
export async function destroyCustomerSessions(customerId: number, options: SessionOptions = {}): Promise<boolean> {
  const store = options.store ?? getRedis();
  const index = sessionKeys.customerSessions(customerId);
  const step = async <T>(name: string, command: (redis: RedisStore) => Promise<T>) => {
    const done = await guardedRedis(name, command, store, { bypassBreaker: true });
    if (!done.ok) log.warn('could not end every session of a customer: Redis did not answer');
    return done;
  };
  const listed = await step('session.list', (redis) => redis.smembers(index));
  if (!listed.ok) return false;
  const keys = listed.value;
  if (keys.length === 0) return true;
  keys.forEach(forgetConfirmed);
  // Sessions first, then only their entries (never the whole index): a sign-in that joins the index
  // meanwhile keeps its entry, and a retry after a failure still finds every session left.
  if (!(await step('session.destroy-all', (redis) => redis.del(keys))).ok) return false;
  return (await step('session.unlist', (redis) => redis.srem(index, keys))).ok;
}

/**
 * The session behind a cookie value. Extends the idle lifetime only once less than half of it is
 * left, so a busy admin costs one PEXPIRE per half-TTL rather than one per request. PEXPIRE (not a
 * rewrite) can't bring back a session that a sign-out deleted in between.
 */
export async function readSession(id: string | undefined, options: SessionOptions = {}): Promise<SessionLookup> {
  if (!wellFormed(id)) return { status: 'none' };
  const key = sessionKey(id);
  const adminId = adminIdOf(id);
  const customerId = customerIdOf(id);
  const store = options.store ?? getRedis();
  const ttlMs = options.ttlMs ?? sessionTtlMs();

  const now = options.now ?? Date.now();
  const read = await readWithRetry(key, adminId, customerId, store);
  if (!read.ok) {
    const confirmed = recentlyConfirmed(key, now);
    return confirmed ? { status: 'active', session: confirmed } : { status: 'unavailable' };
  }
  const [raw, remainingMs, cachedEpoch, listed] = read.value;
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
  // A customer session from before "sign out of every device" is in no index, so that button could
  // not end it: it ends here instead (the customer signs in once more).
  if (session.kind === 'customer' && !session.indexed) return drop();
  // Under its own customer's value, and still in that customer's index (see CUSTOMER_VALUE). A value
  // without the customer (made before it carried one) is not checked: those end within their lifetime.
  if (session.kind === 'customer' && customerId !== undefined && (customerId !== session.customerId || !listed)) return drop();
  if (session.kind === 'admin') {
    const epoch = await currentEpoch(session.adminId, cachedEpoch, store);
    if (epoch === null) return { status: 'unavailable' };
    if (epoch !== session.epoch) return drop();
  }
  rememberConfirmed(key, session, now);

  // -1 (no expiry) can only come from a hand-written key; give it one rather than let it live forever.
  if (remainingMs === -1 || (remainingMs >= 0 && remainingMs < ttlMs / 2)) {
    // A failed extension costs nothing now: the session is still valid for `remainingMs`.
    await guardedRedis('session.touch', (redis) => redis.pexpire(key, ttlMs), store);
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
 * The record and its remaining TTL. A read that fails (not one the breaker skipped) is tried once
 * more if the first left room for it, so one slow read is not taken for an outage.
 */
async function readWithRetry(key: string, adminId: number | undefined, customerId: number | undefined, store: RedisStore) {
  const started = performance.now();
  const read = () =>
    guardedRedis(
      'session.read',
      // An admin's epoch (lib/auth/revocation.ts), or whether the customer's index lists it, in the same round trip as the session.
      (redis) =>
        Promise.all([
          redis.get(key),
          redis.pttl(key),
          adminId === undefined ? null : redis.get(adminKeys.epoch(adminId)),
          customerId === undefined ? null : redis.sismember(sessionKeys.customerSessions(customerId), key),
        ]),
      store,
    );
  const first = await read();
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
