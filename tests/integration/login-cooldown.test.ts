import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins } from '@/db/schema';
import { seedAdmin } from '@/db/seed-admin';
import { newAdminDevice, rememberAdmin, type AdminDevice } from '@/lib/auth/admin-device';
import { signIn } from '@/lib/auth/sign-in';
import { createCooldowns } from '@/lib/ratelimit/cooldown';
import { rateLimitKeys, rateLimitSubject } from '@/lib/ratelimit/keys';
import { normalizeAddress } from '@/lib/ratelimit/client-identity';
import { loginCooldown } from '@/lib/ratelimit/login';
import { createRateLimitState } from '@/lib/ratelimit/state';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder, installBackends, keysUnder } from '../support/app-context';
import { createTestPglite } from '../support/databases';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * The sign-in cooldown through the real signIn(), on all three drivers: 5 failures for one account
 * from one IP block that pair (the right password too) for 15 minutes with keys that expire by
 * themselves, a success clears the count, a wider per-account limit catches guessing spread over
 * many addresses (for unknown browsers only: the admin's own browser keeps its budget), and an
 * address that fails often is blocked for every account. Unknown accounts are treated exactly alike.
 */
const ADMIN = { email: 'meera@thali.test', password: 'meera-long-password', name: 'Meera' };
/** Guessed at concurrently: an account of its own, so the other tests' failures don't spend its budgets. */
const RACED = { email: 'ravi@thali.test', password: 'ravi-long-password', name: 'Ravi' };
/** Disabled: a right password must read, and count, as a wrong one. */
const DISABLED = { email: 'kiran@thali.test', password: 'kiran-long-password', name: 'Kiran' };
const FIFTEEN_MINUTES = 15 * 60 * 1_000;

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestPglite();
  await seedAdmin(database.db, ADMIN);
  await seedAdmin(database.db, RACED);
  await seedAdmin(database.db, DISABLED);
  await database.db.update(admins).set({ disabledAt: new Date() }).where(eq(admins.email, DISABLED.email));
});
afterAll(async () => {
  await database?.close();
});

await describeEachDriver('login cooldown', (driver) => {
  const prefix = uniquePrefix(`cooldown-${driver.name}`);
  let store: RedisStore;

  beforeAll(async () => {
    store = await driver.create();
    // A roomy budget: under a loaded test run a slow answer would move counts to the in-process fallback.
    installBackends({ redis: store, database, env: { REDIS_KEY_PREFIX: prefix, RATE_LIMIT_TIMEOUT_MS: '5000' } });
    // The production state, its cooldowns on this driver (getRedis() is the store above).
    singletons().rateLimit = createRateLimitState(singletons().env!);
  });
  afterAll(async () => {
    await deleteKeysUnder(store, prefix);
    await singletons().rateLimit?.close();
    singletons().rateLimit = undefined;
    await store.close();
    await driver.cleanup();
  });

  const attempt = (email: string, password: string, ip: string, device?: AdminDevice) => signIn(email, password, { ip, device });

  it('blocks the 6th attempt and the right password for 15 minutes after 5 failures from one IP', async () => {
    const ip = '203.0.113.10';
    for (let i = 0; i < 5; i++) expect(await attempt(ADMIN.email, 'wrong-password!', ip)).toEqual({ ok: false, error: 'invalid-credentials' });
    const sixth = await attempt(ADMIN.email, 'wrong-password!', ip);
    expect(sixth).toMatchObject({ ok: false, error: 'too-many-attempts' });
    expect(sixth.ok === false && sixth.error === 'too-many-attempts' && sixth.retryAfterSeconds).toBeGreaterThan(895);
    expect(await attempt(ADMIN.email, ADMIN.password, ip)).toMatchObject({ ok: false, error: 'too-many-attempts' });
    // Another address is a different pair.
    expect(await attempt(ADMIN.email, ADMIN.password, '203.0.113.11')).toMatchObject({ ok: true });

    const blocks = (await keysUnder(store, `${prefix}rl:login:account-ip:`)).filter((key) => key.endsWith(':block'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).not.toContain(ADMIN.email);
    const ttl = await store.pttl(blocks[0]!);
    expect(ttl).toBeGreaterThan(FIFTEEN_MINUTES - 10_000);
    expect(ttl).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });

  it('treats an unknown account exactly like a real one', async () => {
    const ip = '203.0.113.20';
    for (let i = 0; i < 5; i++) expect(await attempt('nobody@thali.test', 'wrong-password!', ip)).toEqual({ ok: false, error: 'invalid-credentials' });
    expect(await attempt('nobody@thali.test', 'wrong-password!', ip)).toMatchObject({ ok: false, error: 'too-many-attempts' });
  });

  it('a successful sign-in clears the pair’s count, whose key expires by itself meanwhile', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < 4; i++) await attempt(ADMIN.email, 'wrong-password!', ip);
    // This pair's count (a blocked pair's is kept as long as its block: the first test's).
    const count = rateLimitKeys.cooldownCount('rl:login:account-ip', rateLimitSubject(ADMIN.email, ip));
    expect(await store.get(count)).toBe('4');
    const ttl = await store.pttl(count);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10 * 60 * 1_000);

    expect(await attempt(ADMIN.email, ADMIN.password, ip)).toMatchObject({ ok: true });
    expect(await store.exists([count])).toBe(0);
    for (let i = 0; i < 4; i++) await attempt(ADMIN.email, 'wrong-password!', ip);
    // Eight failures in all, but the success in between started the count again.
    expect(await attempt(ADMIN.email, ADMIN.password, ip)).toMatchObject({ ok: true });
  });

  it('blocks an account guessed at from many addresses (20 failures across IPs), for unknown browsers', async () => {
    const email = 'spread@thali.test';
    for (let i = 0; i < 20; i++) await attempt(email, 'wrong-password!', `198.51.100.${i + 1}`);
    expect(await attempt(email, 'wrong-password!', '198.51.100.200')).toMatchObject({ ok: false, error: 'too-many-attempts' });
  });

  it('finding 4: twenty wrong passwords from four addresses do not lock the admin out of their own browser', async () => {
    const own = rememberAdmin(newAdminDevice(), ADMIN.email);
    for (let address = 1; address <= 4; address++) {
      for (let i = 0; i < 5; i++) await attempt(ADMIN.email, 'wrong-password!', `192.0.2.${address}`);
    }
    // Unknown browsers are shut out of this account, even with the right password from a fresh address...
    expect(await attempt(ADMIN.email, ADMIN.password, '192.0.2.99')).toMatchObject({ ok: false, error: 'too-many-attempts' });
    // ...but the browser the admin signed in from before is not, from any address.
    expect(await attempt(ADMIN.email, ADMIN.password, '192.0.2.1', own)).toMatchObject({ ok: true });
    expect(await attempt(ADMIN.email, ADMIN.password, '192.0.2.100', own)).toMatchObject({ ok: true });
  });

  it('a known browser has a budget of its own: five failures with it block only it', async () => {
    const email = 'devices@thali.test';
    const stolen = rememberAdmin(newAdminDevice(), email);
    for (let i = 0; i < 5; i++) await attempt(email, 'wrong-password!', `192.0.2.${150 + i}`, stolen);
    expect(await attempt(email, 'wrong-password!', '192.0.2.160', stolen)).toMatchObject({ ok: false, error: 'too-many-attempts' });
    expect(await attempt(email, 'wrong-password!', '192.0.2.161', rememberAdmin(newAdminDevice(), email))).toEqual({
      ok: false,
      error: 'invalid-credentials',
    });
  });

  /** N wrong passwords sent at once; the answers, counted by kind. */
  async function guessAtOnce(count: number, ip: string, device?: AdminDevice) {
    const answers = await Promise.all(Array.from({ length: count }, () => attempt(RACED.email, 'wrong-password!', ip, device)));
    const judged = answers.filter((answer) => !answer.ok && answer.error === 'invalid-credentials').length;
    const refused = answers.filter((answer) => !answer.ok && answer.error === 'too-many-attempts').length;
    return { judged, refused };
  }

  it('twenty wrong passwords sent at once from one address: five are judged, the rest refused before any hash', async () => {
    // The failure must be taken before the password is hashed: checked first and counted after, all
    // twenty passed the check while the first hashes ran, and all twenty were judged.
    expect(await guessAtOnce(20, '203.0.113.90')).toEqual({ judged: 5, refused: 15 });
    expect(await attempt(RACED.email, RACED.password, '203.0.113.90')).toMatchObject({ ok: false, error: 'too-many-attempts' });
    // The refused guesses kept nothing: the account's budget (20) holds the five judged ones only.
    expect(await attempt(RACED.email, RACED.password, '203.0.113.91')).toMatchObject({ ok: true });
  });

  it('the same from a browser that signed in as the admin before: five judged against its own budget', async () => {
    const device = rememberAdmin(newAdminDevice(), RACED.email);
    expect(await guessAtOnce(20, '203.0.113.92', device)).toEqual({ judged: 5, refused: 15 });
    expect(await attempt(RACED.email, RACED.password, '203.0.113.93', device)).toMatchObject({ ok: false, error: 'too-many-attempts' });
  });

  it('the attacker\'s address pays: 30 failures from one address block it for every account', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 30; i++) await attempt(`guess-${i}@thali.test`, 'wrong-password!', ip);
    expect(await attempt('fresh@thali.test', 'wrong-password!', ip)).toMatchObject({ ok: false, error: 'too-many-attempts' });
    expect(await attempt('fresh@thali.test', 'wrong-password!', '203.0.113.78')).toEqual({ ok: false, error: 'invalid-credentials' });
  });

  it('attack review: a disabled admin\'s right password spends the budget as a wrong one does, so the budget can\'t confirm it', async () => {
    // Given back, four wrong guesses and the right one left the sixth attempt judged, where five wrong
    // ones blocked it: each batch of five guesses said whether it held the password.
    const ip = '203.0.113.81';
    for (let i = 0; i < 4; i++) expect(await attempt(DISABLED.email, `wrong-guess-${i}`, ip)).toEqual({ ok: false, error: 'invalid-credentials' });
    expect(await attempt(DISABLED.email, DISABLED.password, ip)).toEqual({ ok: false, error: 'invalid-credentials' });
    expect(await attempt(DISABLED.email, 'another-guess', ip)).toMatchObject({ ok: false, error: 'too-many-attempts' });
  });

  it('attack review: an address blocked for every account writes no key for the emails its refused attempts name', async () => {
    // Spent at once with the address's, each refused attempt left an account counter and an
    // account-and-address counter per made-up email (given back to 0, kept an hour): at the page
    // budget one address held some 40,000 keys.
    const ip = '203.0.113.79';
    // Its 30 failures spent through the cooldown itself (kept, as a wrong password's are), without 30 hashes.
    const attempts = loginCooldown();
    for (let i = 0; i < 30; i++) expect(await attempts.spend({ email: `blocked-${i}@thali.test`, ip })).toMatchObject({ allowed: true });
    const accountKeys = async () =>
      (await keysUnder(store, `${prefix}rl:login:account:`)).length + (await keysUnder(store, `${prefix}rl:login:account-ip:`)).length;
    const before = await accountKeys();
    for (let i = 0; i < 40; i++) {
      expect(await attempt(`made-up-${i}@thali.test`, 'wrong-password!', ip)).toMatchObject({ ok: false, error: 'too-many-attempts' });
    }
    expect(await accountKeys()).toBe(before);
    // Another address is judged as before.
    expect(await attempt('made-up-0@thali.test', 'wrong-password!', '203.0.113.80')).toEqual({ ok: false, error: 'invalid-credentials' });
  });

  it('attack review: the /64s of one IPv6 /48 share a block budget (150 failures), so rotating them buys no more password hashes', async () => {
    // Each attempt that passes the budgets costs a scrypt hash (~32 MiB, 50-100 ms on a threadpool
    // thread): per /64 alone, a free /48's 65,536 clients were 30 hashes an hour each. Spent through
    // the cooldown itself (no hashes): the failures are kept, as a wrong password's are.
    const attempts = loginCooldown();
    // Clients as the limits count them (client-identity.ts): one per /64.
    const clientOf = (n: number) => normalizeAddress(`2001:db8:77:${n.toString(16)}::1`) ?? '';
    for (let client = 1; client <= 30; client++) {
      for (let i = 0; i < 5; i++) expect(await attempts.spend({ email: `spray-${client}-${i}@thali.test`, ip: clientOf(client) })).toMatchObject({ allowed: true });
    }
    // A /64 of the same /48 that has failed nothing is refused before any hash...
    expect(await attempt('fresh@thali.test', 'wrong-password!', clientOf(99))).toMatchObject({ ok: false, error: 'too-many-attempts' });
    // ...the admin's own browser there is not, and another /48 is judged as before.
    expect(await attempt(ADMIN.email, ADMIN.password, clientOf(99), rememberAdmin(newAdminDevice(), ADMIN.email))).toMatchObject({ ok: true });
    expect(await attempt('fresh@thali.test', 'wrong-password!', normalizeAddress('2001:db8:78::1') ?? '')).toEqual({ ok: false, error: 'invalid-credentials' });
  });

  it('and so do the addresses of one IPv4 /24', async () => {
    const attempts = loginCooldown();
    for (let address = 1; address <= 30; address++) {
      for (let i = 0; i < 5; i++) await attempts.spend({ email: `v4-spray-${address}-${i}@thali.test`, ip: `198.18.7.${address}` });
    }
    expect(await attempt('fresh@thali.test', 'wrong-password!', '198.18.7.200')).toMatchObject({ ok: false, error: 'too-many-attempts' });
    expect(await attempt('fresh@thali.test', 'wrong-password!', '198.18.8.1')).toEqual({ ok: false, error: 'invalid-credentials' });
  });
});

describe('login cooldown while Redis fails', () => {
  it('keeps counting and blocking in-process, never unlimited', async () => {
    const failing = new Proxy(createMemoryStore(), {
      get: (target, property, receiver) =>
        typeof Reflect.get(target, property, receiver) === 'function' && property !== 'close'
          ? () => Promise.reject(new Error('ECONNREFUSED'))
          : Reflect.get(target, property, receiver),
    });
    const cooldowns = createCooldowns({ store: () => failing, local: createMemoryStore(), breaker: new CircuitBreaker(), timeoutMs: 100 });
    const attempts = loginCooldown(() => cooldowns);
    const key = { email: 'someone@thali.test', ip: '192.0.2.50' };
    for (let i = 0; i < 5; i++) expect(await attempts.spend(key)).toMatchObject({ allowed: true });
    expect(await attempts.spend(key)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    // Sent at once, in-process too: only the budget gets through.
    const other = { email: 'someone@thali.test', ip: '192.0.2.51' };
    const spent = await Promise.all(Array.from({ length: 20 }, () => attempts.spend(other)));
    expect(spent.filter((result) => result.allowed)).toHaveLength(5);
  });
});
