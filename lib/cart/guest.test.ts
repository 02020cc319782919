import { describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { singletons } from '@/lib/server/singletons';
import { installBackends } from '@/tests/support/app-context';

const request = vi.hoisted(() => ({ address: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': request.address }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));

const { guestForAdd } = await import('./guest');

describe('new guest carts', () => {
  it('IPv6: the /64s of one /48 share its budget of new carts (review finding: every /64 had a full one)', async () => {
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '2' } });
    singletons().rateLimit = undefined;
    const outcomes: string[] = [];
    for (let subnet = 1; subnet <= 21; subnet++) {
      request.address = `2001:db8:aa:${subnet}::1`;
      for (let i = 0; i < 2; i++) outcomes.push((await guestForAdd()).status);
    }
    // 2 per /64, 40 per /48 (GUEST_CART_BLOCK_FACTOR): the 21st /64 gets none.
    expect(outcomes.filter((status) => status === 'issued')).toHaveLength(40);
    expect(outcomes.slice(-2)).toEqual(['rate-limited', 'rate-limited']);
    request.address = '2001:db8:bb:1::1';
    expect((await guestForAdd()).status).toBe('issued');
  });
});

describe('the guest cookie', () => {
  it('is __Host- in production, so no subdomain or plain-http response can plant another guest id', async () => {
    const { guestCookieName } = await import('@/lib/auth/cookie');
    const { parseEnv } = await import('@/lib/env');
    expect(guestCookieName(parseEnv({ NODE_ENV: 'production' }))).toBe('__Host-thali_guest');
    expect(guestCookieName(parseEnv({ NODE_ENV: 'development' }))).toBe('thali_guest');
  });
});
