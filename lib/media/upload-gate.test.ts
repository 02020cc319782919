import { beforeEach, describe, expect, it } from 'vitest';

import { adminKeys } from '@/lib/auth/keys';
import { createSession, type NewSession } from '@/lib/auth/sessions';
import { parseEnv } from '@/lib/env';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { epochsInMemory } from '@/tests/support/customer-epochs';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { photoUploadRefusal } from './upload-gate';

const ADMIN: NewSession = { kind: 'admin', adminId: 7, email: 'asha@thali.test', name: 'Asha', epoch: 1 };
const allowed = { limit: async () => ({ success: true, limit: 120, remaining: 119, resetMs: 0, source: 'redis' as const, pending: Promise.resolve() }) };
const headersWith = (cookie: string) => new Headers({ cookie, 'x-forwarded-for': '198.51.100.9' });

describe('photoUploadRefusal (scripts/serve.mjs asks it before Next reads an upload)', () => {
  let store: RedisStore;
  beforeEach(async () => {
    singletons().env = parseEnv({ NODE_ENV: 'production', REDIS_TIMEOUT_MS: '5000' });
    singletons().redisBreaker = undefined;
    store = createMemoryStore();
    await store.set(adminKeys.epoch(7), '1');
  });

  it("lets an admin's upload through, and refuses made-up, customer and missing cookies unread", async () => {
    const admin = (await createSession(ADMIN, { store }))!;
    const customer = (await createSession({ kind: 'customer', customerId: 3, phone: '919876500011' }, { store, epochs: epochsInMemory() }))!;
    expect(await photoUploadRefusal(headersWith(`x=1; __Host-thali_admin=${admin}`), { store, limiter: allowed })).toBeNull();
    for (const cookie of [`__Host-thali_admin=1.${'A'.repeat(43)}`, `__Host-thali_admin=${customer}`, `thali_admin=${admin}`, '']) {
      expect(await photoUploadRefusal(headersWith(cookie), { store, limiter: allowed })).toMatchObject({ status: 401 });
    }
  });

  it('refuses a client over its API budget before it reads any session (a blocked client costs no Redis)', async () => {
    const admin = (await createSession(ADMIN, { store }))!;
    const refused = { limit: async () => ({ success: false, limit: 120, remaining: 0, resetMs: 30_000, source: 'redis' as const, pending: Promise.resolve() }) };
    let reads = 0;
    const counted = new Proxy(store, {
      get: (target, property, receiver) => {
        if (property === 'get') reads += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    expect(await photoUploadRefusal(headersWith(`__Host-thali_admin=${admin}`), { store: counted, limiter: refused, now: () => 0 })).toEqual({
      status: 429,
      error: 'Too many requests. Try again in 30 s.',
      retryAfterSeconds: 30,
    });
    expect(reads).toBe(0);
  });

  it('says unavailable (503) when sessions cannot be read, as the route would', async () => {
    const down = new Proxy(store, {
      get: (target, property, receiver) =>
        property === 'get' || property === 'pttl' ? async () => Promise.reject(new Error('Redis is down')) : Reflect.get(target, property, receiver),
    });
    expect(await photoUploadRefusal(headersWith(`__Host-thali_admin=1.${'A'.repeat(43)}`), { store: down, limiter: allowed })).toMatchObject({ status: 503 });
  });
});
