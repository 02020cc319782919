import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createSession, destroySession, readSession, sessionKey } from '@/lib/auth/sessions';
import { parseEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { driversUnderTest } from '../support/redis-drivers';
import { uniquePrefix } from '../support/services';

/**
 * "Signed out on every instance": a session written through one RedisStore client is seen through a
 * second, independent one (another server instance, in production), and after sign-out through
 * either, neither sees it.
 */
const drivers = await driversUnderTest();
const ADMIN = { kind: 'admin', adminId: 3, email: 'ravi@thali.test', name: 'Ravi' } as const;
const TTL = 60_000;

for (const driver of drivers) {
  const shared = driver.name !== 'memory';
  const runnable = shared && driver.available;
  const reason = !shared ? 'one process by nature' : driver.skipReason;

  describe.skipIf(!runnable)(`sessions across instances on ${driver.name}${runnable ? '' : ` (skipped: ${reason})`}`, () => {
    const prefix = uniquePrefix(`admin-sessions-${driver.name}`);
    let first: RedisStore;
    let second: RedisStore;

    beforeAll(async () => {
      [first, second] = await Promise.all([driver.create(), driver.create()]);
    });
    beforeEach(() => {
      const app = singletons();
      app.env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000' });
      app.redisBreaker = undefined;
    });
    afterAll(async () => {
      await deleteKeysUnder(first, prefix);
      await Promise.all([first.close(), second.close()]);
      await driver.cleanup();
    });

    it('a session created through one client is active through the other', async () => {
      const id = (await createSession(ADMIN, { store: first, ttlMs: TTL }))!;
      expect(await readSession(id, { store: second, ttlMs: TTL })).toMatchObject({ status: 'active', session: ADMIN });
    });

    it('a slide made through one client is seen by the other', async () => {
      const id = (await createSession(ADMIN, { store: first, ttlMs: TTL }))!;
      await first.pexpire(sessionKey(id), TTL / 4);
      await readSession(id, { store: second, ttlMs: TTL });
      expect(await first.pttl(sessionKey(id))).toBeGreaterThan(TTL / 2);
    });

    it('signing out through either client signs out everywhere', async () => {
      for (const [signOutVia, checkVia] of [
        [first, second],
        [second, first],
      ] as const) {
        const id = (await createSession(ADMIN, { store: checkVia, ttlMs: TTL }))!;
        expect((await readSession(id, { store: checkVia, ttlMs: TTL })).status).toBe('active');
        expect(await destroySession(id, { store: signOutVia })).toBe(true);
        expect(await readSession(id, { store: checkVia, ttlMs: TTL })).toEqual({ status: 'none' });
        expect(await readSession(id, { store: signOutVia, ttlMs: TTL })).toEqual({ status: 'none' });
      }
    });
  });
}
