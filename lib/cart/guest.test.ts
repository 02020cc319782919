import { afterEach, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { singletons } from '@/lib/server/singletons';
import { installBackends } from '@/tests/support/app-context';
import { guestRequest as request } from '@/tests/support/guest-request';

vi.mock('next/headers', async () => (await import('@/tests/support/guest-request')).nextHeaders);

const { currentGuest, guestForAdd } = await import('./guest');
const { GUEST_CART_TTL_MS } = await import('./keys');

describe('new guest carts', () => {
  it('IPv6: the /64s of one /48 share its budget of new carts (review finding: every /64 had a full one)', async () => {
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '2' } });
    singletons().rateLimit = undefined;
    const outcomes: string[] = [];
    for (let subnet = 1; subnet <= 21; subnet++) {
      request.address = `2001:db8:aa:${subnet}::1`;
      for (let i = 0; i < 2; i++) {
        request.guestCookie = undefined;
        outcomes.push((await guestForAdd()).status);
      }
    }
    // 2 per /64, 40 per /48 (GUEST_CART_BLOCK_FACTOR): the 21st /64 gets none.
    expect(outcomes.filter((status) => status === 'issued')).toHaveLength(40);
    expect(outcomes.slice(-2)).toEqual(['rate-limited', 'rate-limited']);
    request.address = '2001:db8:bb:1::1';
    request.guestCookie = undefined;
    expect((await guestForAdd()).status).toBe('issued');
  });
});

describe('guest carts held at once (storage review)', () => {
  afterEach(() => vi.useRealTimers());

  /** Asks `perHour` new carts an hour for a day from each address, as a script keeping its carts would. */
  async function cartsIssuedInADay(addresses: string[], perHour: number): Promise<number> {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T00:00:00Z'));
    let issued = 0;
    for (let hour = 0; hour < 24; hour++) {
      for (const address of addresses) {
        request.address = address;
        for (let i = 0; i < perHour; i++) {
          request.guestCookie = undefined;
          if ((await guestForAdd()).status === 'issued') issued++;
        }
      }
      vi.setSystemTime(new Date(Date.now() + 60 * 60_000));
    }
    return issued;
  }

  it('one address starts at most its daily share: a cart lives up to a day after its id, so an hourly budget alone let it hold 24 hours of them', async () => {
    // Before: 30 an hour kept 720 carts of up to 50 lines (about 3 KB each) alive per address.
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '2', RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY: '8' } });
    singletons().rateLimit = undefined;
    expect(await cartsIssuedInADay(['198.51.100.20'], 2)).toBe(8);
  });

  it('an address block starts at most twenty times an address’s daily share', async () => {
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '2', RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY: '2' } });
    singletons().rateLimit = undefined;
    // 100 addresses of one /24, 2 an hour each: the block's 40 an hour allowed 960 a day.
    const addresses = Array.from({ length: 100 }, (_, i) => `203.0.113.${i + 1}`);
    expect(await cartsIssuedInADay(addresses, 2)).toBe(40);
  });
});

describe('a guest id', () => {
  afterEach(() => {
    vi.useRealTimers();
    request.guestCookie = undefined;
  });

  it('names its cart only for as long as its cookie lives: a script keeping the value can not keep the cart (attack review)', async () => {
    // Each ADD extends the cart's TTL, and the cookie's value never expired on the server: a script
    // kept every id an address was issued (30 an hour) and its 50-line cart alive with one request
    // every 12 hours, so the carts one address held grew without end.
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle });
    singletons().rateLimit = undefined;
    request.address = '198.51.100.7';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:00:00Z'));
    const issued = await guestForAdd();
    expect(issued.status).toBe('issued');
    const owner = issued.status === 'issued' ? issued.owner : null;
    expect(await currentGuest()).toBe(owner);
    vi.setSystemTime(new Date(Date.now() + GUEST_CART_TTL_MS - 60_000));
    expect(await currentGuest()).toBe(owner);
    vi.setSystemTime(new Date(Date.now() + 60_000));
    expect(await currentGuest()).toBeNull();
    // The next ADD gets a new id, on the address's budget.
    const next = await guestForAdd();
    expect(next.status === 'issued' && next.owner).not.toBe(owner);
  });

  it('is refused when altered, and without the time it was issued', async () => {
    const { sign } = await import('@/lib/security/signed');
    installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle });
    request.guestCookie = sign('guest-cart', 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(await currentGuest()).toBeNull();
    request.guestCookie = sign('guest-cart', `AAAAAAAAAAAAAAAAAAAAAA~${(Date.now() + GUEST_CART_TTL_MS).toString(36)}`);
    expect(await currentGuest()).toBeNull();
    request.guestCookie = `AAAAAAAAAAAAAAAAAAAAAA~${Date.now().toString(36)}.AAAAAAAAAAAAAAAAAAAAAA`;
    expect(await currentGuest()).toBeNull();
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
