import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { orders, restaurants } from '@/db/schema';
import { customerIdFor } from '@/lib/customers/accounts';
import type { CustomerLookup } from '@/lib/customers/session';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { installBackends } from '@/tests/support/app-context';
import { createTestPglite } from '@/tests/support/databases';

// The session and the queue's nudge stubbed; the orders read from a PGlite of the route's own.
const state = vi.hoisted(() => ({ lookup: { status: 'signed-out' } as CustomerLookup, nudges: 0 }));
vi.mock('@/lib/customers/session', () => ({ lookUpCustomer: async () => state.lookup }));
vi.mock('@/lib/queue', () => ({
  nudgeQueue: async () => {
    state.nudges += 1;
  },
}));

const { GET } = await import('@/app/api/orders/active/route');
const { loadOwnActiveOrderStates } = await import('@/lib/orders/queries');

const id = (name: string) => name.padEnd(22, 'x');

// Review: /account ran a poller per active order, each asking GET /api/orders/<id>/status every 10 s
// and each nudging the queue: 6×N requests a minute. This one answers all of them, and nudges once.
describe('GET /api/orders/active (PGlite)', () => {
  let database: DatabaseHandle;
  let me: number;
  let idle: number;

  beforeAll(async () => {
    database = await createTestPglite();
    installBackends({ redis: createMemoryStore(), database });
    me = await customerIdFor('9876500021', database.db);
    idle = await customerIdFor('9876500022', database.db);
    const someoneElse = await customerIdFor('9876500023', database.db);
    const [restaurant] = await database.db.select({ id: restaurants.id }).from(restaurants).limit(1);
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 8, minutes));
    const place = (name: string, customerId: number, status: 'placed' | 'preparing' | 'delivered' | 'cancelled', minutes: number) =>
      database.db.insert(orders).values({ id: id(name), customerId, restaurantId: restaurant!.id, status, totalPaise: 50_000, idempotencyKey: name, createdAt: at(minutes) });
    await place('mineOld', me, 'placed', 1);
    await place('mineDone', me, 'delivered', 2);
    await place('mineCooking', me, 'preparing', 3);
    await place('mineCancelled', me, 'cancelled', 4);
    await place('mineNew', me, 'placed', 5);
    await place('idleDone', idle, 'delivered', 1);
    await place('theirs', someoneElse, 'placed', 6);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(() => {
    state.nudges = 0;
  });

  const signedIn = (customerId: number): CustomerLookup => ({ status: 'signed-in', customer: { customerId, phone: '919876500021' } });

  it("answers the customer's own orders still on their way, newest first, private and unstored, with one nudge", async () => {
    state.lookup = signedIn(me);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.json()).toEqual({
      orders: [
        { id: id('mineNew'), status: 'placed' },
        { id: id('mineCooking'), status: 'preparing' },
        { id: id('mineOld'), status: 'placed' },
      ],
    });
    expect(state.nudges).toBe(1);
  });

  it('answers none, and nudges nothing, when every order is delivered or cancelled', async () => {
    state.lookup = signedIn(idle);
    const response = await GET();
    expect(await response.json()).toEqual({ orders: [] });
    expect(state.nudges).toBe(0);
  });

  it('reads only the window /account lists (its latest orders), however many there are', async () => {
    expect(await loadOwnActiveOrderStates(me, 3, database.db)).toEqual([
      { id: id('mineNew'), status: 'placed' },
      { id: id('mineCooking'), status: 'preparing' },
    ]);
  });

  it('is 401 signed out and 503 when the session cannot be read, reading and nudging nothing', async () => {
    state.lookup = { status: 'signed-out' };
    expect((await GET()).status).toBe(401);
    state.lookup = { status: 'unavailable' };
    const unavailable = await GET();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('cache-control')).toContain('no-store');
    expect(state.nudges).toBe(0);
  });

  it('is 503, never a 500, when Postgres does not answer', async () => {
    const gone = await createTestPglite();
    await gone.close();
    installBackends({ redis: createMemoryStore(), database: gone });
    try {
      state.lookup = signedIn(me);
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/can’t be checked just now/) });
      expect(state.nudges).toBe(0);
    } finally {
      installBackends({ redis: createMemoryStore(), database });
    }
  });
});
