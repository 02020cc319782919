import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createSession, destroySession, readSession } from '@/lib/auth/sessions';
import { parseEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { driversUnderTest } from '../support/redis-drivers';
import { uniquePrefix } from '../support/services';

/**
 * Customer sessions live in the same store as admins' (`session:<sha256>`, `kind: 'customer'`): one
 * written through one RedisStore client (a server instance) is active through a second, independent
 * one, and a sign-out through either ends it for both.
 */
const drivers = await driversUnderTest();
const CUSTOMER = { kind: 'customer', customerId: 42, phone: '919876543210' } as const;
const TTL = 60_000;

for (const driver of drivers) {
  const runnable = driver.name !== 'memory' && driver.available;
  const reason = driver.name === 'memory' ? 'one process by nature' : driver.skipReason;

  describe.skipIf(!runnable)(`customer sessions across instances on ${driver.name}${runnable ? '' : ` (skipped: ${reason})`}`, () => {
    const prefix = uniquePrefix(`customer-sessions-${driver.name}`);
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

    it('a customer session created on one instance is active on the other, as a customer', async () => {
      const id = (await createSession(CUSTOMER, { store: first, ttlMs: TTL }))!;
      expect(await readSession(id, { store: second, ttlMs: TTL })).toMatchObject({ status: 'active', session: CUSTOMER });
    });

    it('signing out on either instance is seen on the other', async () => {
      for (const [signOutVia, checkVia] of [
        [first, second],
        [second, first],
      ] as const) {
        const id = (await createSession(CUSTOMER, { store: checkVia, ttlMs: TTL }))!;
        expect((await readSession(id, { store: signOutVia, ttlMs: TTL })).status).toBe('active');
        expect(await destroySession(id, { store: signOutVia })).toBe(true);
        expect(await readSession(id, { store: checkVia, ttlMs: TTL })).toEqual({ status: 'none' });
      }
    });
  });
}
