import { beforeEach, expect, it } from 'vitest';

import { publishEpoch } from '@/lib/auth/revocation';
import { createSession, destroySession, readSession, sessionKey } from '@/lib/auth/sessions';

import { driversUnderTest } from '../support/redis-drivers';
import { describeAcrossInstances } from '../support/two-instances';

/**
 * "Signed out on every instance": a session written through one RedisStore client is seen through a
 * second, independent one (another server instance, in production), and after sign-out through
 * either, neither sees it.
 */
const drivers = await driversUnderTest();
const ADMIN = { kind: 'admin', adminId: 3, email: 'ravi@thali.test', name: 'Ravi', epoch: 1 } as const;
const TTL = 60_000;

describeAcrossInstances(drivers, 'admin sessions across instances', (pair) => {
  // The admin's current epoch, as the Team page publishes it (this file has no Postgres to read it from).
  beforeEach(() => publishEpoch(ADMIN.adminId, ADMIN.epoch, pair.first));

  it('a session created through one client is active through the other', async () => {
    const id = (await createSession(ADMIN, { store: pair.first, ttlMs: TTL }))!;
    expect(await readSession(id, { store: pair.second, ttlMs: TTL })).toMatchObject({ status: 'active', session: ADMIN });
  });

  it('a slide made through one client is seen by the other', async () => {
    const createdAt = Date.now();
    const id = (await createSession(ADMIN, { store: pair.first, ttlMs: TTL, now: createdAt }))!;
    // Read as if most of the idle lifetime had passed, the key's TTL as it would be then.
    await pair.first.pexpire(sessionKey(id), TTL / 4);
    await readSession(id, { store: pair.second, ttlMs: TTL, now: createdAt + (3 * TTL) / 4 });
    expect(await pair.first.pttl(sessionKey(id))).toBeGreaterThan(TTL / 2);
  });

  it('signing out through either client signs out everywhere', async () => {
    for (const [signOutVia, checkVia] of [
      [pair.first, pair.second],
      [pair.second, pair.first],
    ] as const) {
      const id = (await createSession(ADMIN, { store: checkVia, ttlMs: TTL }))!;
      expect((await readSession(id, { store: checkVia, ttlMs: TTL })).status).toBe('active');
      expect(await destroySession(id, { store: signOutVia })).toBe(true);
      expect(await readSession(id, { store: checkVia, ttlMs: TTL })).toEqual({ status: 'none' });
      expect(await readSession(id, { store: signOutVia, ttlMs: TTL })).toEqual({ status: 'none' });
    }
  });

  it('finding 14: a revocation published through one client ends the session read through the other', async () => {
    const id = (await createSession(ADMIN, { store: pair.first, ttlMs: TTL }))!;
    expect((await readSession(id, { store: pair.second, ttlMs: TTL })).status).toBe('active');
    expect(await publishEpoch(ADMIN.adminId, ADMIN.epoch + 1, pair.second)).toBe(true);
    expect(await readSession(id, { store: pair.first, ttlMs: TTL })).toEqual({ status: 'none' });
    expect(await pair.first.exists([sessionKey(id)])).toBe(0);
  });
});
