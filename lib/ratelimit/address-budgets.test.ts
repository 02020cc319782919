import { afterEach, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { singletons } from '@/lib/server/singletons';
import { installBackends } from '@/tests/support/app-context';

import { withinAddressBudget } from './address-budgets';
import { UNKNOWN_CLIENT } from './client-identity';
import { rateLimitState } from './state';

const guests = 'cart:new-guest';

/** New guest carts at 2 an hour per address, so 40 per address block (GUEST_CART_BLOCK_FACTOR). */
function install() {
  installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '2' } });
  singletons().rateLimit = undefined;
}

async function ask(identity: string, times: number): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (let i = 0; i < times; i++) answers.push(await withinAddressBudget(guests, identity));
  return answers;
}

// IPv6 /64s sharing their /48's budget: lib/cart/guest.test.ts and tests/integration/views-route.test.ts.
describe('a budget per address and per address block', () => {
  afterEach(() => vi.restoreAllMocks());

  it("IPv4: the addresses of one /24 share its budget; a refusal by the address's own spends none of the block's", async () => {
    install();
    expect(await ask('198.51.100.7', 5)).toEqual([true, true, false, false, false]);
    const neighbours: boolean[] = [];
    for (let host = 1; host <= 20; host++) neighbours.push(...(await ask(`198.51.100.${100 + host}`, 2)));
    expect(neighbours.filter(Boolean)).toHaveLength(38);
    expect(await ask('198.51.101.7', 1)).toEqual([true]);
  });

  it('asks only the address budget of a client with no wider block, and scopes both subjects when told', async () => {
    install();
    const limit = vi.spyOn(rateLimitState().limiter, 'limit');
    await withinAddressBudget(guests, UNKNOWN_CLIENT);
    expect(limit.mock.calls).toEqual([['cart:new-guest', UNKNOWN_CLIENT]]);
    limit.mockClear();
    await withinAddressBudget('views:counted', '203.0.113.9', 'dosa-corner');
    expect(limit.mock.calls).toEqual([
      ['views:counted', '203.0.113.9:dosa-corner'],
      ['views:counted:block', '203.0.113.0/24:dosa-corner'],
    ]);
  });
});
