import { createHash } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { adminKeys, CUSTOMER_EPOCH_CHECK_MS, SESSION_MAX_AGE_MS, sessionKeys, sessionTtlMs } from './keys';
import { parseEnv } from '@/lib/env';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';
import { deleteKeysUnder, keysUnder } from '@/tests/support/app-context';
import { describeEachDriver } from '@/tests/support/backend-matrix';
import { withCommands } from '@/tests/support/store-overrides';
import { epochsInMemory } from '@/tests/support/customer-epochs';
import { uniquePrefix } from '@/tests/support/services';

import { createSession, customerSessionKeys, destroyCustomerSessions, destroySession, readSession, sessionKey, type NewSession } from './sessions';

const ADMIN: NewSession = { kind: 'admin', adminId: 7, email: 'asha@thali.test', name: 'Asha', epoch: 1 };
/** The admin's current epoch, as lib/auth/revocation.ts publishes it (no Postgres in this file). */
const publishAdminEpoch = (store: RedisStore) => store.set(adminKeys.epoch(7), '1');
const TTL = 60_000;
/** What Postgres keeps of customers' epochs (lib/auth/customer-epoch.ts). */
const epochs = epochsInMemory();

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
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    // An admin's cookie value names the admin, then 256 random bits.
    expect(id).toMatch(/^7\.[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(id).digest('hex');
    expect(sessionKey(id)).toBe(`${prefix}session:${hash}`);

    const stored = await keysUnder(store, prefix);
    expect(stored).toContain(sessionKeys.session(hash));
    for (const key of stored) expect(key).not.toContain(id);
    const raw = (await store.get(sessionKey(id)))!;
    expect(raw).not.toContain(id);
    expect(JSON.parse(raw)).toEqual({ ...ADMIN, createdAt: expect.any(String), expiresAt: expect.any(String) });
  });

  it('reads an active session back, with a fresh random id per session', async () => {
    const [a, b] = await Promise.all([createSession(ADMIN, { store, ttlMs: TTL, epochs }), createSession(ADMIN, { store, ttlMs: TTL, epochs })]);
    expect(a).not.toBe(b);
    const lookup = await readSession(a!, { store, ttlMs: TTL, epochs });
    expect(lookup).toEqual({ status: 'active', session: { ...ADMIN, createdAt: expect.any(String), expiresAt: expect.any(String) } });
    if (lookup.status === 'active') expect(Date.now() - Date.parse(lookup.session.createdAt)).toBeLessThan(10_000);
  });

  it('sets the TTL on create and leaves it alone while more than half remains', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, now: createdAt, epochs }))!;
    const before = await store.pttl(sessionKey(id));
    expect(before).toBeGreaterThan(TTL - 5_000);
    expect(before).toBeLessThanOrEqual(TTL);

    const watched = counting(store);
    for (const at of [createdAt, createdAt + TTL / 4, createdAt + TTL / 2 - 1]) {
      expect((await readSession(id, { store: watched.store, ttlMs: TTL, now: at, epochs })).status).toBe('active');
    }
    expect([...watched.calls.keys()]).toEqual(['get']);
  });

  it('slides: once less than half the TTL is left, a read extends it to the full TTL again, once', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, now: createdAt, epochs }))!;
    // As if most of the TTL had passed.
    await store.pexpire(sessionKey(id), TTL / 4);
    const later = createdAt + (3 * TTL) / 4;

    const watched = counting(store);
    expect((await readSession(id, { store: watched.store, ttlMs: TTL, now: later, epochs })).status).toBe('active');
    expect(watched.calls.get('set')).toBe(1);
    expect(await store.pttl(sessionKey(id))).toBeGreaterThan(TTL - 5_000);
    expect(JSON.parse((await store.get(sessionKey(id)))!)).toMatchObject({ expiresAt: new Date(later + TTL).toISOString() });
    // The next reads know it was just extended.
    expect((await readSession(id, { store: watched.store, ttlMs: TTL, now: later + 1_000, epochs })).status).toBe('active');
    expect(watched.calls.get('set')).toBe(1);
  });

  it('extends at once a session given a shorter lifetime than the one configured now (SESSION_TTL_HOURS raised), as its TTL would say', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, now: createdAt, epochs }))!;
    const watched = counting(store);
    // Read under a lifetime four times as long: the key has under half of that left.
    expect((await readSession(id, { store: watched.store, ttlMs: 4 * TTL, now: createdAt + 1_000, epochs })).status).toBe('active');
    expect(watched.calls.get('set')).toBe(1);
    expect(await store.pttl(sessionKey(id))).toBeGreaterThan(3 * TTL);
  });

  it('an extension never brings back a session a sign-out deleted after the read', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, now: createdAt, epochs }))!;
    // The sign-out lands between the read and the extension.
    const racing = withCommands(store, {
      get: async (key) => {
        const value = await store.get(key);
        if (key === sessionKey(id)) await store.del([key]);
        return value;
      },
    });
    expect((await readSession(id, { store: racing, ttlMs: TTL, now: createdAt + (3 * TTL) / 4, epochs })).status).toBe('active');
    expect(await store.exists([sessionKey(id)])).toBe(0);
  });

  it('a read is one command for a customer (the session and their epoch) and one round trip for an admin', async () => {
    const customer = (await createSession({ kind: 'customer', customerId: 9, phone: '919876543210' }, { store, ttlMs: TTL, epochs }))!;
    const admin = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    const watched = counting(store);
    expect((await readSession(customer, { store: watched.store, ttlMs: TTL, epochs })).status).toBe('active');
    expect(Object.fromEntries(watched.calls)).toEqual({ mget: 1 });
    watched.calls.clear();
    expect((await readSession(admin, { store: watched.store, ttlMs: TTL, epochs })).status).toBe('active');
    expect(Object.fromEntries(watched.calls)).toEqual({ get: 2 });
  });

  it('is gone for good once destroyed', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    expect(await destroySession(id, { store, epochs })).toBe(true);
    expect(await store.exists([sessionKey(id)])).toBe(0);
    expect(await readSession(id, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });

  it('is signed out once the key expires', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    await store.pexpire(sessionKey(id), 30);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await readSession(id, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });

  it('ends at the absolute cap however recently it was used, and deletes the key', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, now: createdAt, epochs }))!;
    const later = createdAt + SESSION_MAX_AGE_MS;
    expect(await readSession(id, { store, ttlMs: TTL, now: later - 1_000, epochs })).toMatchObject({ status: 'active' });
    expect(await readSession(id, { store, ttlMs: TTL, now: later, epochs })).toEqual({ status: 'none' });
    expect(await store.exists([sessionKey(id)])).toBe(0);
  });

  it('answers none without asking Redis for a missing or malformed cookie value', async () => {
    const watched = counting(store);
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    for (const value of [undefined, '', 'short', `${id}x`, `${id.slice(0, 44)}!`, sessionKey(id), `0${id}`, `x.${id.slice(2)}`]) {
      expect(await readSession(value, { store: watched.store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
    }
    expect(watched.calls.size).toBe(0);
    // Well-formed values nobody was given.
    expect(await readSession('A'.repeat(43), { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
    expect(await readSession(`7.${'A'.repeat(43)}`, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });

  it('finding 14: an admin session ends as soon as the admin\'s epoch moves on, on every read', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    expect((await readSession(id, { store, ttlMs: TTL, epochs })).status).toBe('active');
    await store.set(adminKeys.epoch(7), '2');
    expect(await readSession(id, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
    expect(await store.exists([sessionKey(id)])).toBe(0);
    const gone = (await createSession({ ...ADMIN, epoch: 2 }, { store, ttlMs: TTL, epochs }))!;
    await store.set(adminKeys.epoch(7), 'gone');
    expect(await readSession(gone, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });

  it('an admin record under another admin\'s value, or a customer record under an admin value, is no session', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    const raw = (await store.get(sessionKey(id)))!;
    const forged = `8.${id.slice(2)}`;
    await store.set(sessionKey(forged), raw, { px: TTL });
    expect(await readSession(forged, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });

  it('a copy Postgres disagrees with is not overruled at sign-in: a new epoch ends the sessions of both (the release before 069 presses the button in Redis alone)', async () => {
    const customerId = 13;
    const customer: NewSession = { kind: 'customer', customerId, phone: '919876543213' };
    const stolen = (await createSession(customer, { store, ttlMs: TTL, epochs }))!;
    // The release before this one, still running during an upgrade (or back after a rollback, as
    // docs/deploying.md allows), ends every session its way: a new token in Redis alone, for 7 days (061).
    await store.set(sessionKeys.customerEpoch(customerId), 'pressed-on-the-release-before', { px: SESSION_MAX_AGE_MS });
    // The owner signs in again on this release; the thief's cookie was not used meanwhile.
    const signedIn = (await createSession(customer, { store, ttlMs: TTL, epochs }))!;
    expect(await readSession(stolen, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
    expect((await readSession(signedIn, { store, ttlMs: TTL, epochs })).status).toBe('active');
    expect(await store.get(sessionKeys.customerEpoch(customerId))).toBe(epochs.kept.get(customerId));

    // The button lands between that sign-in's read of Postgres and its new epoch: the sign-in fails, the button's epoch stays.
    await store.set(sessionKeys.customerEpoch(customerId), 'pressed-on-the-release-before-again', { px: SESSION_MAX_AGE_MS });
    const racing = {
      ...epochs,
      adopt: async (id: number, candidate: string) => {
        const read = await epochs.adopt(id, candidate);
        await epochs.replace(id, 'the-button-meanwhile');
        return read;
      },
    };
    expect(await createSession(customer, { store, ttlMs: TTL, epochs: racing })).toBeNull();
    expect(epochs.kept.get(customerId)).toBe('the-button-meanwhile');
  });

  // Review: nothing failed with either guard below taken out (a plain SET; a sign-in trusting the epoch it read).
  it('a session read copying the epoch back from Postgres never covers a newer one the button wrote meanwhile', async () => {
    const customerId = 14;
    const customer: NewSession = { kind: 'customer', customerId, phone: '919876543214' };
    const stolen = (await createSession(customer, { store, ttlMs: TTL, epochs }))!;
    await store.del([sessionKeys.customerEpoch(customerId)]);
    // The copy expired; the read asks Postgres, and the button is pressed before its answer is copied back.
    const racing = {
      ...epochs,
      read: async (id: number) => {
        const read = await epochs.read(id);
        expect(await destroyCustomerSessions(customerId, { store, epochs })).toBe(true);
        return read;
      },
    };
    await readSession(stolen, { store, ttlMs: TTL, epochs: racing });
    expect(await store.get(sessionKeys.customerEpoch(customerId))).toBe(epochs.kept.get(customerId));
    expect(await readSession(stolen, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });

  it('a sign-in that finds no copy fails when the button lands between its read of Postgres and its copy, rather than open a dead session', async () => {
    const customerId = 15;
    const customer: NewSession = { kind: 'customer', customerId, phone: '919876543215' };
    expect(await createSession(customer, { store, ttlMs: TTL, epochs })).not.toBeNull();
    await store.del([sessionKeys.customerEpoch(customerId)]);
    const racing = {
      ...epochs,
      adopt: async (id: number, candidate: string) => {
        const read = await epochs.adopt(id, candidate);
        expect(await destroyCustomerSessions(customerId, { store, epochs })).toBe(true);
        return read;
      },
    };
    expect(await createSession(customer, { store, ttlMs: TTL, epochs: racing })).toBeNull();
    expect(await store.get(sessionKeys.customerEpoch(customerId))).toBe(epochs.kept.get(customerId));
    expect((await readSession((await createSession(customer, { store, ttlMs: TTL, epochs }))!, { store, ttlMs: TTL, epochs })).status).toBe('active');
  });

  it('drops a record it cannot read rather than trusting it', async () => {
    const id = (await createSession(ADMIN, { store, ttlMs: TTL, epochs }))!;
    await store.set(sessionKey(id), JSON.stringify({ kind: 'root', adminId: 1 }), { px: TTL });
    expect(await readSession(id, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
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
    expect(await createSession(ADMIN, { store, epochs })).toBeNull();
    expect(await readSession('A'.repeat(43), { store, epochs })).toEqual({ status: 'unavailable' });
    expect(await destroySession('A'.repeat(43), { store, epochs })).toBe(false);
  });

  it('stays closed while the circuit breaker skips Redis: no session, and Redis not even asked', async () => {
    const store = broken();
    for (let i = 0; i < 3; i++) await readSession('A'.repeat(43), { store, epochs });
    expect(singletons().redisBreaker?.current).toBe('open');

    const healthy = counting(createMemoryStore());
    expect(await readSession('A'.repeat(43), { store: healthy.store, epochs })).toEqual({ status: 'unavailable' });
    expect(healthy.calls.size).toBe(0);
    expect(singletons().processStats?.redis.skipped).toBeGreaterThan(0);
    await healthy.store.close();
  });

  it('one slow read is not an outage: a failed read is tried once more', async () => {
    const memory = createMemoryStore();
    await publishAdminEpoch(memory);
    const id = (await createSession(ADMIN, { store: memory, epochs }))!;
    let failures = 1;
    const flaky = new Proxy(memory, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'get' || typeof value !== 'function') return value;
        return (...args: unknown[]) => (failures-- > 0 ? Promise.reject(new Error('timed out')) : Reflect.apply(value, target, args));
      },
    });
    expect(await readSession(id, { store: flaky, epochs })).toMatchObject({ status: 'active', session: ADMIN });
    expect(singletons().redisBreaker?.current).toBe('closed');
    await memory.close();
  });

  it('keeps a session Redis confirmed moments ago while Redis does not answer, for a few seconds only', async () => {
    const memory = createMemoryStore();
    await publishAdminEpoch(memory);
    const id = (await createSession(ADMIN, { store: memory, epochs }))!;
    const now = Date.now();
    expect((await readSession(id, { store: memory, now, epochs })).status).toBe('active');

    expect(await readSession(id, { store: broken(), now: now + 5_000, epochs })).toMatchObject({ status: 'active', session: ADMIN });
    singletons().redisBreaker = undefined;
    expect(await readSession(id, { store: broken(), now: now + 11_000, epochs })).toEqual({ status: 'unavailable' });
    await memory.close();
  });

  it('forgets a confirmation on sign-out and when Redis says the session is gone', async () => {
    const memory = createMemoryStore();
    await publishAdminEpoch(memory);
    const signedOut = (await createSession(ADMIN, { store: memory, epochs }))!;
    const expired = (await createSession(ADMIN, { store: memory, epochs }))!;
    await readSession(signedOut, { store: memory, epochs });
    await readSession(expired, { store: memory, epochs });
    await destroySession(signedOut, { store: memory, epochs });
    await memory.del([sessionKey(expired)]);
    expect((await readSession(expired, { store: memory, epochs })).status).toBe('none');

    expect(await readSession(signedOut, { store: broken(), epochs })).toEqual({ status: 'unavailable' });
    singletons().redisBreaker = undefined;
    expect(await readSession(expired, { store: broken(), epochs })).toEqual({ status: 'unavailable' });
    await memory.close();
  });

  it('refuses a customer sign-in whose epoch could not be read, and leaves no session behind', async () => {
    const memory = createMemoryStore();
    // The epoch's write fails (say, Redis refusing writes).
    const noEpoch = withCommands(memory, { set: () => Promise.reject(new Error('OOM command not allowed')) });
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    expect(await createSession(customer, { store: noEpoch, epochs })).toBeNull();
    expect((await memory.scan('0', { match: `${prefix}session:*`, count: 100 })).keys).toEqual([]);
    expect(await createSession(customer, { store: memory, epochs })).not.toBeNull();
    await memory.close();
  });

  it('a customer record without an epoch (from before epochs) is no session: no button could end it', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    const id = (await createSession(customer, { store: memory, epochs }))!;
    const legacy = JSON.parse((await memory.get(sessionKey(id)))!) as Record<string, unknown>;
    delete legacy.epoch;
    await memory.set(sessionKey(id), JSON.stringify({ ...legacy, indexed: true }), { px: TTL });
    expect(await readSession(id, { store: memory, epochs })).toEqual({ status: 'none' });
    expect(await memory.get(sessionKey(id))).toBeNull();
    await memory.close();
  });

  it('signing out of every device: a failure says so (the sessions end once Redis’s copy expires); a sign-in that read the old epoch is ended too', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    const old = (await createSession(customer, { store: memory, epochs }))!;
    const flaky = withCommands(memory, { set: () => Promise.reject(new Error('connection lost')) });
    expect(await destroyCustomerSessions(9, { store: flaky, epochs })).toBe(false);
    expect((await readSession(old, { store: memory, epochs })).status).toBe('active');
    singletons().redisBreaker = undefined;

    // A sign-in on another device reads the epoch, then the button lands before its session is written.
    const slowSignIn = withCommands(memory, {
      set: async (key, value, options) => {
        if (!key.includes(':epoch')) expect(await destroyCustomerSessions(9, { store: memory, epochs })).toBe(true);
        return memory.set(key, value, options);
      },
    });
    const late = (await createSession(customer, { store: slowSignIn, epochs }))!;
    expect(await readSession(old, { store: memory, epochs })).toEqual({ status: 'none' });
    expect(await readSession(late, { store: memory, epochs })).toEqual({ status: 'none' });
    // A sign-in after it is a session like any other.
    expect((await readSession((await createSession(customer, { store: memory, epochs }))!, { store: memory, epochs })).status).toBe('active');
    await memory.close();
  });

  it('a customer whose epoch copy was lost (evicted) stays signed in: the copy comes back from Postgres; a record under another customer’s value is no session', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 9, phone: '919876543210' };
    const phone = (await createSession(customer, { store: memory, epochs }))!;
    const laptop = (await createSession(customer, { store: memory, epochs }))!;
    // While the copy lives, a read asks Postgres nothing (the signed-in path's 0 queries per request).
    let asked = 0;
    const counted = { ...epochs, read: (id: number) => ((asked += 1), epochs.read(id)) };
    for (const id of [phone, laptop, phone]) expect((await readSession(id, { store: memory, epochs: counted })).status).toBe('active');
    expect(asked).toBe(0);
    // The copy has a TTL, so a Redis evicting under volatile-lru may drop it before the sessions.
    await memory.del([sessionKeys.customerEpoch(9)]);
    expect((await readSession(phone, { store: memory, epochs: counted })).status).toBe('active');
    expect(asked).toBe(1);
    expect(await memory.get(sessionKeys.customerEpoch(9))).toBe(epochs.kept.get(9));
    await memory.del([sessionKeys.customerEpoch(9)]);
    // Postgres can't be read either: "can't say", not signed out.
    const down = { ...epochs, read: () => Promise.reject(new Error('connection refused')) };
    expect(await readSession(laptop, { store: memory, epochs: down })).toEqual({ status: 'unavailable' });
    expect((await readSession(laptop, { store: memory, epochs })).status).toBe('active');
    // A customer's cookie names the customer: a record under another customer's value is no session.
    const other = (await createSession({ ...customer, customerId: 10 }, { store: memory, epochs }))!;
    const mine = (await createSession(customer, { store: memory, epochs }))!;
    const swapped = other.replace(/^c10\./, 'c9.');
    const record = JSON.parse((await memory.get(sessionKey(other)))!) as Record<string, unknown>;
    const epoch = (await memory.get(sessionKeys.customerEpoch(9)))!;
    await memory.set(sessionKey(swapped), JSON.stringify({ ...record, epoch }), { px: TTL });
    expect(await readSession(swapped, { store: memory, epochs })).toEqual({ status: 'none' });
    expect((await readSession(other, { store: memory, epochs })).status).toBe('active');
    expect((await readSession(mine, { store: memory, epochs })).status).toBe('active');
    await memory.close();
  });

  it('a first read made elsewhere (decision 078) counts only for the cookie whose keys it read: another cookie value reads its own', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 11, phone: '919876543211' };
    const mine = (await createSession(customer, { store: memory, epochs }))!;
    const claimed = customerSessionKeys(mine)!;
    const firstRead = { read: { ok: true as const, value: await memory.mget(claimed.keys) }, started: performance.now(), keys: claimed.keys };
    expect((await readSession(mine, { store: memory, epochs, firstRead })).status).toBe('active');
    // The same customer named with another id (no such session): the read of my keys says nothing of it.
    const forged = `c11.${'B'.repeat(43)}`;
    expect(await readSession(forged, { store: memory, epochs, firstRead })).toEqual({ status: 'none' });
    await memory.close();
  });

  it('a Redis that loses "sign out of every device" (a failover, an older snapshot) brings the old sessions back only until the check of its copy expires', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 11, phone: '919876543211' };
    const stolen = (await createSession(customer, { store: memory, epochs }))!;
    const copyKey = sessionKeys.customerEpoch(11);
    const checkKey = sessionKeys.customerEpochChecked(11);
    const kept = async (key: string) => ({ key, value: (await memory.get(key))!, pttl: await memory.pttl(key) });
    const before = [await kept(copyKey), await kept(checkKey), await kept(sessionKey(stolen))];
    /** Redis rolls back to before the button: the old copy, its check and the stolen session are back, with the TTLs they had. */
    const rollBack = () => Promise.all(before.map(({ key, value, pttl }) => memory.set(key, value, { px: pttl })));
    // How long a check written before the loss can outlive it: the check's lifetime, not a session's (7 days).
    expect(before[1]!.pttl).toBeGreaterThan(0);
    expect(before[1]!.pttl).toBeLessThanOrEqual(CUSTOMER_EPOCH_CHECK_MS);

    expect(await destroyCustomerSessions(11, { store: memory, epochs })).toBe(true);
    const fresh = (await createSession(customer, { store: memory, epochs }))!;
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });

    await rollBack();
    expect((await readSession(stolen, { store: memory, epochs })).status).toBe('active');
    // Once that check expires, Postgres says the button was pressed: the stolen session is over. So is
    // `fresh` (the rolled-back copy and Postgres disagree, and which is newer can't be told), which a
    // real rollback would have lost with the button's write anyway; the next sign-in settles it.
    await memory.del([checkKey]);
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });
    expect(await readSession(fresh, { store: memory, epochs })).toEqual({ status: 'none' });
    // The same with the copy evicted too: Postgres's epoch comes back, not the stolen one.
    await rollBack();
    await memory.del([copyKey, checkKey]);
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });
    expect(await memory.get(copyKey)).toBe(epochs.kept.get(11));

    // A sign-in while the rolled-back copy is there can't tell it from a newer one (a release before 069
    // writes Redis alone), so it takes a new epoch: the stolen session ends at once.
    await rollBack();
    const signedIn = (await createSession(customer, { store: memory, epochs }))!;
    expect(await memory.get(copyKey)).toBe(epochs.kept.get(11));
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });
    expect((await readSession(signedIn, { store: memory, epochs })).status).toBe('active');
    // And stays ended once the check expires: the copy and Postgres agree on the new epoch.
    await memory.del([checkKey]);
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });
    expect((await readSession(signedIn, { store: memory, epochs })).status).toBe('active');
    await memory.close();
  });

  it('a press on a release before 069 (Redis alone) stays pressed here once the check expires, and the next sign-in settles it', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 17, phone: '919876543217' };
    const stolen = (await createSession(customer, { store: memory, epochs }))!;
    // The release before, during an upgrade or after a rollback, ends every session its way (061).
    await memory.set(sessionKeys.customerEpoch(17), 'pressed-on-the-release-before', { px: SESSION_MAX_AGE_MS });
    // Its sign-in takes the copy as it finds it.
    const record = JSON.parse((await memory.get(sessionKey(stolen)))!) as Record<string, unknown>;
    const signedInThere = `c17.${'b'.repeat(43)}`;
    await memory.set(sessionKey(signedInThere), JSON.stringify({ ...record, epoch: 'pressed-on-the-release-before' }), { px: TTL });
    await memory.del([sessionKeys.customerEpochChecked(17)]);
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });
    // Postgres never heard of that press: neither stands (fail closed) until a sign-in here replaces both.
    expect(await readSession(signedInThere, { store: memory, epochs })).toEqual({ status: 'none' });
    const signedIn = (await createSession(customer, { store: memory, epochs }))!;
    await memory.del([sessionKeys.customerEpochChecked(17)]);
    expect((await readSession(signedIn, { store: memory, epochs })).status).toBe('active');
    expect(await readSession(stolen, { store: memory, epochs })).toEqual({ status: 'none' });
    await memory.close();
  });

  it('sessions opened while Redis alone kept the epoch live on: the first sign-in copies it into Postgres', async () => {
    const memory = createMemoryStore();
    const customer: NewSession = { kind: 'customer', customerId: 12, phone: '919876543212' };
    const older = (await createSession(customer, { store: memory, epochs }))!;
    const copy = (await memory.get(sessionKeys.customerEpoch(12)))!;
    // Postgres has no epoch for them yet (the column is new).
    const empty = epochsInMemory();
    const newer = (await createSession(customer, { store: memory, epochs: empty }))!;
    expect(empty.kept.get(12)).toBe(copy);
    expect((await readSession(older, { store: memory, epochs: empty })).status).toBe('active');
    expect((await readSession(newer, { store: memory, epochs: empty })).status).toBe('active');
    // No epoch anywhere (the copy expired before any sign-in since): no button could end it, so it is no session.
    await memory.del([sessionKeys.customerEpoch(12)]);
    expect(await readSession(older, { store: memory, epochs: epochsInMemory() })).toEqual({ status: 'none' });
    await memory.close();
  });

  it('a rollback to a release from before 069 keeps customers signed in: its read of the copy finds it as long as any session lives', async () => {
    let clock = Date.now();
    const memory = createMemoryStore({ now: () => clock });
    const customer: NewSession = { kind: 'customer', customerId: 16, phone: '919876543216' };
    const options = () => ({ store: memory, ttlMs: SESSION_MAX_AGE_MS, now: clock, epochs });
    /**
     * The session read of the releases before 069 (061, lib/auth/sessions.ts before 586885a): the
     * session and the copy in one MGET, and a session whose epoch isn't the copy's (none left, or
     * another) is deleted: signed out.
     */
    const staysSignedInBefore069 = async (id: string) => {
      const [raw = null, epoch = null] = await memory.mget([sessionKey(id), sessionKeys.customerEpoch(16)]);
      return raw !== null && (JSON.parse(raw) as { epoch: string }).epoch === epoch;
    };
    const phone = (await createSession(customer, options()))!;
    expect(await staysSignedInBefore069(phone)).toBe(true);
    // Six minutes on (past the 5-minute check against Postgres) the old release still finds the copy.
    clock += 6 * 60_000;
    expect(await staysSignedInBefore069(phone)).toBe(true);
    expect((await readSession(phone, options())).status).toBe('active');
    expect(await staysSignedInBefore069(phone)).toBe(true);
    // A sign-in six days on opens a session that may live 7 more days: the copy is renewed to outlive it.
    clock += 6 * 24 * 3_600_000;
    const laptop = (await createSession(customer, options()))!;
    clock += 2 * 24 * 3_600_000;
    expect(await staysSignedInBefore069(laptop)).toBe(true);
    expect((await readSession(laptop, options())).status).toBe('active');
    // The phone's session reached the absolute cap meanwhile, for either release.
    expect(await readSession(phone, options())).toEqual({ status: 'none' });
    await memory.close();
  });

  it('uses the configured idle lifetime by default', () => {
    expect(sessionTtlMs()).toBe(8 * 3_600_000);
  });
});
