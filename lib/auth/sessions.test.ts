import { createHash } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { adminKeys, SESSION_MAX_AGE_MS, sessionKeys, sessionTtlMs } from './keys';
import { parseEnv } from '@/lib/env';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';
import { deleteKeysUnder, keysUnder } from '@/tests/support/app-context';
import { describeEachDriver } from '@/tests/support/backend-matrix';
import { withCommands } from '@/tests/support/store-overrides';
import { uniquePrefix } from '@/tests/support/services';

import { createSession, destroyCustomerSessions, destroySession, readSession, sessionKey, type NewSession } from './sessions';

const ADMIN: NewSession = { kind: 'admin', adminId: 7, email: 'asha@thali.test', name: 'Asha', epoch: 1 };
/** The admin's current epoch, as lib/auth/revocation.ts publishes it (no Postgres in this file). */
const publishAdminEpoch = (store: RedisStore) => store.set(adminKeys.epoch(7), '1');
const TTL = 60_000;

/** This file's env and a fresh breaker: the session code reads both from the process singletons. */
function useEnv(prefix: string): void {
  const shared = singletons();
  // A roomy budget: suites run in parallel and this tests behaviour, not latency.
  shared.env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000' });
  shared.redisBreaker = undefined;
  shared.processStats = undefined;
}

/** Counts the calls of each method, to tell "extended" from "left alone". */
function counting(store: RedisStore): { store: RedisStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: proxy, calls };
}


await describeEachDriver('sessions', (driver) => {
  const prefix = uniquePrefix(`sessions-${driver.name}`);
  let store: RedisStore;

  beforeAll(async () => {
    store = await driver.create();
  });
  beforeEach(async () => {
    useEnv(prefix);
    await publishAdminEpoch(store);
  });
  afterAll(async () => {
    await deleteKeysUnder(store, prefix);
    await store.close();
    await driver.cleanup();
  });

  it('stores the record under session:<sha256 of the id>, never the id itself', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    // An admin's cookie value names the admin, then 256 random bits.
    expect(id).toMatch(/^7\.[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(id).digest('hex');
    expect(sessionKey(id)).toBe(`${prefix}session:${hash}`);

    const stored = await keysUnder(store, prefix);
    expect(stored).toContain(sessionKeys.session(hash));
    for (const key of stored) expect(key).not.toContain(id);
    const raw = (await store.get(sessionKey(id)))!;
    expect(raw).not.toContain(id);
    expect(JSON.parse(raw)).toEqual({ ...ADMIN, createdAt: expect.any(String) });
  });

  it('reads an active session back, with a fresh random id per session', async () => {
    const [a, b] = await Promise.all([createSession(ADMIN, { store, ttlMs: TTL }), createSession(ADMIN, { store, ttlMs: TTL })]);
    expect(a).not.toBe(b);
    const lookup = await readSession(a!, { store, ttlMs: TTL });
    expect(lookup).toEqual({ status: 'active', session: { ...ADMIN, createdAt: expect.any(String) } });
    if (lookup.status === 'active') expect(Date.now() - Date.parse(lookup.session.createdAt)).toBeLessThan(10_000);
  });

  it('sets the TTL on create and leaves it alone while more than half remains', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    const before = await store.pttl(sessionKey(id));
    expect(before).toBeGreaterThan(TTL - 5_000);
    expect(before).toBeLessThanOrEqual(TTL);

    const watched = counting(store);
    for (let i = 0; i < 3; i++) expect((await readSession(id, { store: watched.store, ttlMs: TTL })).status).toBe('active');
    expect(watched.calls.get('pexpire') ?? 0).toBe(0);
  });

  it('slides: once less than half the TTL is left, a read extends it to the full TTL again', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    // As if most of the TTL had passed.
    await store.pexpire(sessionKey(id), TTL / 4);

    const watched = counting(store);
    expect((await readSession(id, { store: watched.store, ttlMs: TTL })).status).toBe('active');
    expect(watched.calls.get('pexpire')).toBe(1);
    expect(await store.pttl(sessionKey(id))).toBeGreaterThan(TTL - 5_000);
  });

  it('is gone for good once destroyed', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    expect(await destroySession(id, { store })).toBe(true);
    expect(await store.exists([sessionKey(id)])).toBe(0);
    expect(await readSession(id, { store, ttlMs: TTL })).toEqual({ status: 'none' });
  });

  it('is signed out once the key expires', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    await store.pexpire(sessionKey(id), 30);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await readSession(id, { store, ttlMs: TTL })).toEqual({ status: 'none' });
  });

  it('ends at the absolute cap however recently it was used, and deletes the key', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, now: createdAt }))!;
    const later = createdAt + SESSION_MAX_AGE_MS;
    expect(await readSession(id, { store, ttlMs: TTL, now: later - 1_000 })).toMatchObject({ status: 'active' });
    expect(await readSession(id, { store, ttlMs: TTL, now: later })).toEqual({ status: 'none' });
    expect(await store.exists([sessionKey(id)])).toBe(0);
  });

  it('answers none without asking Redis for a missing or malformed cookie value', async () => {
    const watched = counting(store);
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    for (const value of [undefined, '', 'short', `${id}x`, `${id.slice(0, 44)}!`, sessionKey(id), `0${id}`, `x.${id.slice(2)}`]) {
      expect(await readSession(value, { store: watched.store, ttlMs: TTL })).toEqual({ status: 'none' });
    }
    expect(watched.calls.size).toBe(0);
    // Well-formed values nobody was given.
    expect(await readSession('A'.repeat(43), { store, ttlMs: TTL })).toEqual({ status: 'none' });
    expect(await readSession(`7.${'A'.repeat(43)}`, { store, ttlMs: TTL })).toEqual({ status: 'none' });
  });

  it('finding 14: an admin session ends as soon as the admin\'s epoch moves on, on every read', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    expect((await readSession(id, { store, ttlMs: TTL })).status).toBe('active');
    await store.set(adminKeys.epoch(7), '2');
    expect(await readSession(id, { store, ttlMs: TTL })).toEqual({ status: 'none' });
    expect(await store.exists([sessionKey(id)])).toBe(0);
    const gone = (await createSession({ ...ADMIN, epoch: 2 }, { store, ttlMs: TTL }))!;
    await store.set(adminKeys.epoch(7), 'gone');
    expect(await readSession(gone, { store, ttlMs: TTL })).toEqual({ status: 'none' });
  });

  it('an admin record under another admin\'s value, or a customer record under an admin value, is no session', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    const raw = (await store.get(sessionKey(id)))!;
    const forged = `8.${id.slice(2)}`;
    await store.set(sessionKey(forged), raw, { px: TTL });
    expect(await readSession(forged, { store, ttlMs: TTL })).toEqual({ status: 'none' });
  });

  it('drops a record it cannot read rather than trusting it', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL }))!;
    await store.set(sessionKey(id), JSON.stringify({ kind: 'root', adminId: 1 }), { px: TTL });
    expect(await readSession(id, { store, ttlMs: TTL })).toEqual({ status: 'none' });
    expect(await store.exists([sessionKey(id)])).toBe(0);
  });
});

describe('sessions when Redis fails', () => {
  const prefix = uniquePrefix('sessions-down');
  beforeEach(() => useEnv(prefix));

  /** A store whose every command fails, as a dead or unreachable Redis does. */
  function broken(): RedisStore {
    const memory = createMemoryStore();
    return new Proxy(memory, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || property === 'close') return value;
        return () => Promise.reject(new Error('ECONNREFUSED'));
      },
    });
  }

  it('fails closed: reading answers unavailable (never a session), creating answers null', async () => {
    const store = broken();
    expect(await createSession(ADMIN, { store })).toBeNull();
    expect(await readSession('A'.repeat(43), { store })).toEqual({ status: 'unavailable' });
    expect(await destroySession('A'.repeat(43), { store })).toBe(false);
  });

  it('stays closed while the circuit breaker skips Redis: no session, and Redis not even asked', async () => {
    const store = broken();
    for (let i = 0; i < 3; i++) await readSession('A'.repeat(43), { store });
    expect(singletons().redisBreaker?.current).toBe('open');

    const healthy = counting(createMemoryStore());
    expect(await readSession('A'.repeat(43), { store: healthy.store })).toEqual({ status: 'unavailable' });
    expect(healthy.calls.size).toBe(0);
    expect(singletons().processStats?.redis.skipped).toBeGreaterThan(0);
    await healthy.store.close();
  });

  it('one slow read is not an outage: a failed read is tried once more', async () => {
    const memory = createMemoryStore();
    await publishAdminEpoch(memory);
    const id = (await createSession(ADMIN, { store: memory }))!;
    let failures = 1;
    const flaky = new Proxy(memory, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'get' || typeof value !== 'function') return value;
        return (...args: unknown[]) => (failures-- > 0 ? Promise.reject(new Error('timed out')) : Reflect.apply(value, target, args));
      },
    });
    expect(await readSession(id, { store: flaky })).toMatchObject({ status: 'active', session: ADMIN });
    expect(singletons().redisBreaker?.current).toBe('closed');
    await memory.close();
  });

  it('keeps a session Redis confirmed moments ago while Redis does not answer, for a few seconds only', async () => {
    const memory = createMemoryStore();
    await publishAdminEpoch(memory);
    const id = (await createSession(ADMIN, { store: memory }))!;
    const now = Date.now();
    expect((await readSession(id, { store: memory, now })).status).toBe('active');

    expect(await readSession(id, { store: broken(), now: now + 5_000 })).toMatchObject({ status: 'active', session: ADMIN });
    singletons().redisBreaker = undefined;
    expect(await readSession(id, { store: broken(), now: now + 11_000 })).toEqual({ status: 'unavailable' });
    await memory.close();
  });

  it('forgets a confirmation on sign-out and when Redis says the session is gone', async () => {
    const memory = createMemoryStore();
    await publishAdminEpoch(memory);
    const signedOut = (await createSession(ADMIN, { store: memory }))!;
    const expired = (await createSession(ADMIN, { store: memory }))!;
    await readSession(signedOut, { store: memory });
    await readSession(expired, { store: memory });
    await destroySession(signedOut, { store: memory });
    await memory.del([sessionKey(expired)]);
    expect((await readSession(expired, { store: memory })).status).toBe('none');

    expect(await readSession(signedOut, { store: broken() })).toEqual({ status: 'unavailable' });
    singletons().redisBreaker = undefined;
    expect(await readSession(expired, { store: broken() })).toEqual({ status: 'unavailable' });
    await memory.close();
  });

  it('refuses a customer sign-in whose session could not be indexed, and leaves no session behind', async () => {
    const memory = createMemoryStore();
    // The index write fails (say, Redis refusing writes after the session's own SET got through).
    const noIndex = withCommands(memory, { sadd: () => Promise.reject(new Error('OOM command not allowed')) });
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    expect(await createSession(customer, { store: noIndex })).toBeNull();
    expect((await memory.scan('0', { match: `${prefix}session:*`, count: 100 })).keys).toEqual([]);
    expect(await createSession(customer, { store: memory })).not.toBeNull();
    expect(await memory.smembers(sessionKeys.customerSessions(9))).toHaveLength(1);
    await memory.close();
  });

  it('ends a customer session from before the session index (no `indexed`): no button could end it', async () => {
    const memory = createMemoryStore();
    const legacy = 'L'.repeat(43);
    const record = { kind: 'customer', customerId: 9, phone: '919876543210', createdAt: new Date().toISOString() };
    await memory.set(sessionKey(legacy), JSON.stringify(record), { px: TTL });
    expect(await readSession(legacy, { store: memory })).toEqual({ status: 'none' });
    expect(await memory.get(sessionKey(legacy))).toBeNull();
    await memory.close();
  });

  it('signing out of every device: a retry after a failure ends what is left, and a sign-in landing meanwhile stays listed', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    const old = (await createSession(customer, { store: memory }))!;
    let racing: string | null = null;
    let race = false;
    let failDeletes = true;
    const flaky = withCommands(memory, {
      smembers: async (key) => {
        const members = await memory.smembers(key);
        // A sign-in on another device, right after the index was read.
        if (race) racing = await createSession(customer, { store: memory });
        return members;
      },
      del: (keys) => (failDeletes ? Promise.reject(new Error('connection lost')) : memory.del(keys)),
    });
    // The sessions' DEL fails: "try again", and nothing is taken off the index.
    expect(await destroyCustomerSessions(9, { store: flaky })).toBe(false);
    expect((await readSession(old, { store: memory })).status).toBe('active');
    failDeletes = false;
    race = true;
    singletons().redisBreaker = undefined;
    expect(await destroyCustomerSessions(9, { store: flaky })).toBe(true);
    expect(await readSession(old, { store: memory })).toEqual({ status: 'none' });
    // The sign-in that landed meanwhile kept its entry, so the next sign-out everywhere ends it.
    expect((await readSession(racing!, { store: memory })).status).toBe('active');
    expect(await destroyCustomerSessions(9, { store: memory })).toBe(true);
    expect(await readSession(racing!, { store: memory })).toEqual({ status: 'none' });
    await memory.close();
  });

  it('a customer session no longer in its index is over, so sign-out of every device cannot miss it when the index was lost', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    const phone = (await createSession(customer, { store: memory }))!;
    const laptop = (await createSession(customer, { store: memory }))!;
    // The index has a TTL and is read only at sign-out, so a Redis evicting under volatile-lru drops it first.
    await memory.del([sessionKeys.customerSessions(9)]);
    expect(await destroyCustomerSessions(9, { store: memory })).toBe(true);
    expect(await readSession(phone, { store: memory })).toEqual({ status: 'none' });
    expect(await readSession(laptop, { store: memory })).toEqual({ status: 'none' });
    // A customer's cookie names the customer: a record under another customer's value is no session.
    const other = (await createSession({ ...customer, customerId: 10 }, { store: memory }))!;
    const swapped = other.replace(/^c10\./, 'c9.');
    await memory.set(sessionKey(swapped), (await memory.get(sessionKey(other)))!, { px: TTL });
    await memory.sadd(sessionKeys.customerSessions(9), [sessionKey(swapped)]);
    expect(await readSession(swapped, { store: memory })).toEqual({ status: 'none' });
    expect((await readSession(other, { store: memory })).status).toBe('active');
    await memory.close();
  });

  it('uses the configured idle lifetime by default', () => {
    expect(sessionTtlMs()).toBe(8 * 3_600_000);
  });
});
