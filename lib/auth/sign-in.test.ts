import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins } from '@/db/schema';
import { seedAdmin } from '@/db/seed-admin';
import { DEMO_ADMIN } from '@/lib/env';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';
import { installBackends, keysUnder } from '@/tests/support/app-context';
import { createTestPglite } from '@/tests/support/databases';

import { newAdminDevice, rememberAdmin } from './admin-device';
import type { LoginAttemptKey, LoginAttempts } from './login-attempts';
import { readSession } from './sessions';
import { signIn } from './sign-in';

const ADMIN = { email: 'kavya@thali.test', password: 'kavya-long-password', name: 'Kavya' };
const PREFIX = 'test:sign-in:';
const context = { ip: '203.0.113.9' };

/** A rate-limit seam that allows (or refuses) everything and records what signIn asked of it. */
function recorder(blocked = false) {
  const events: [string, LoginAttemptKey][] = [];
  const attempts: LoginAttempts = {
    spend: async (key) => {
      events.push(['spend', key]);
      if (blocked) return { allowed: false, retryAfterSeconds: 900 };
      return { allowed: true, giveBack: async () => void events.push(['give back', key]) };
    },
    recordSuccess: async (key) => void events.push(['success', key]),
  };
  return { attempts, events };
}

describe('signIn (PGlite + in-process store)', () => {
  let database: DatabaseHandle;
  let redis: RedisStore;

  beforeAll(async () => {
    database = await createTestPglite();
    await seedAdmin(database.db, ADMIN);
    await seedAdmin(database.db, DEMO_ADMIN);
  });
  beforeEach(() => {
    redis = createMemoryStore();
    installBackends({ redis, database, env: { REDIS_KEY_PREFIX: PREFIX } });
  });
  afterAll(async () => {
    await database.close();
  });

  it('opens a session for the right password, whatever the email’s case and spacing', async () => {
    const result = await signIn('  Kavya@THALI.test ', ADMIN.password, context);
    expect(result).toEqual({ ok: true, sessionId: expect.stringMatching(/^\d+\.[A-Za-z0-9_-]{43}$/) });
    const lookup = await readSession(result.ok ? result.sessionId : undefined);
    expect(lookup).toMatchObject({
      status: 'active',
      session: { kind: 'admin', adminId: expect.any(Number), email: ADMIN.email, name: 'Kavya' },
    });
  });

  it('answers a wrong password and an unknown email alike, and creates no session', async () => {
    const wrong = await signIn(ADMIN.email, 'not-the-password', context);
    const unknown = await signIn('nobody@thali.test', ADMIN.password, context);
    expect(wrong).toEqual({ ok: false, error: 'invalid-credentials' });
    expect(unknown).toEqual(wrong);
    // (The sign-in limiter may count the failures under rl:…; no session may exist.)
    expect(await keysUnder(redis, `${PREFIX}session:`)).toEqual([]);
  });

  it('refuses the published demo password in production, whatever the database holds', async () => {
    expect((await signIn(DEMO_ADMIN.email, DEMO_ADMIN.password, context)).ok).toBe(true);
    installBackends({ redis, database, env: { NODE_ENV: 'production', OTP_SECRET: 'test-otp-secret-at-least-32-characters-long', REDIS_KEY_PREFIX: PREFIX } });
    expect(await signIn(DEMO_ADMIN.email, DEMO_ADMIN.password, context)).toEqual({ ok: false, error: 'invalid-credentials' });
  });

  it('refuses a disabled admin with the answer a wrong password gets, and lets them in once enabled again', async () => {
    await database.db.update(admins).set({ disabledAt: new Date() }).where(eq(admins.email, ADMIN.email));
    try {
      expect(await signIn(ADMIN.email, ADMIN.password, context)).toEqual({ ok: false, error: 'invalid-credentials' });
    } finally {
      await database.db.update(admins).set({ disabledAt: null }).where(eq(admins.email, ADMIN.email));
    }
    expect((await signIn(ADMIN.email, ADMIN.password, context)).ok).toBe(true);
  });

  it('answers unavailable, not signed in, when Redis can’t store the session', async () => {
    // Reads would work; the write of the new session fails, as it does when Redis goes away mid-sign-in.
    singletons().redis = new Proxy(redis, {
      get: (target, property, receiver) =>
        property === 'set' ? () => Promise.reject(new Error('ECONNREFUSED')) : Reflect.get(target, property, receiver),
    });
    expect(await signIn(ADMIN.email, ADMIN.password, context)).toEqual({ ok: false, error: 'unavailable' });
  });

  it('attack review: hashes for browsers it doesn’t know run one at a time with a short line; past it they are told to try again, unhashed', async () => {
    // Each is a scrypt hash (32 MiB, 50-100 ms of one of the threadpool's four threads, which file reads
    // and compression share): 300 wrong passwords at once from 100 addresses held a production
    // server's pages up for 35 s. The budgets bound how many an hour, not how many at once.
    const { attempts, events } = recorder();
    const own = rememberAdmin(newAdminDevice(), ADMIN.email);
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => signIn(`stranger-${i}@thali.test`, 'nope-nope-nope', { ...context, attempts })),
      // The admin's own browser is never turned away: its budget is its own, and nobody else has its cookie.
      signIn(ADMIN.email, ADMIN.password, { ...context, attempts, device: own }),
    ]);
    const errors = answers.slice(0, 12).map((answer) => (answer.ok ? 'ok' : answer.error));
    // One hashing, eight in line (each judged in turn), three turned away.
    expect(errors.filter((error) => error === 'invalid-credentials')).toHaveLength(9);
    expect(errors.filter((error) => error === 'unavailable')).toHaveLength(3);
    expect(answers[12]).toMatchObject({ ok: true });
    // Turned away is no failure: each of the three had its spend given back.
    expect(events.filter(([event, key]) => event === 'give back' && key.email.startsWith('stranger-'))).toHaveLength(3);
    // Once the line is through, the next one is judged.
    expect(await signIn('stranger-13@thali.test', 'nope-nope-nope', { ...context, attempts })).toEqual({ ok: false, error: 'invalid-credentials' });
  });

  it('the line is one per process: a sign-in from another copy of the module (a route bundle of its own) waits in the same one', async () => {
    // Review: the slots were a module-level const, so each copy of sign-in.ts had its own line of 8
    // (lib/server/singletons.ts: the proxy, instrumentation and every route are separate module graphs).
    const { attempts } = recorder();
    vi.resetModules();
    const other = await import('./sign-in');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? signIn : other.signIn)(`copy-${i}@thali.test`, 'nope-nope-nope', { ...context, attempts })),
    );
    const errors = answers.map((answer) => (answer.ok ? 'ok' : answer.error));
    expect(errors.filter((error) => error === 'invalid-credentials')).toHaveLength(9);
    expect(errors.filter((error) => error === 'unavailable')).toHaveLength(3);
  });

  describe('the rate-limit seam', () => {

    it('spends a failure first, keeps it when the password is wrong, gives it back when it matched; keyed on the normalised email and the IP', async () => {
      const { attempts, events } = recorder();
      await signIn('Kavya@thali.test', 'nope-nope-nope', { ...context, attempts });
      await signIn('nobody@thali.test', 'nope-nope-nope', { ...context, attempts });
      await signIn(ADMIN.email, ADMIN.password, { ...context, attempts });
      const key = { email: ADMIN.email, ip: context.ip };
      expect(events).toEqual([
        ['spend', key],
        ['spend', { email: 'nobody@thali.test', ip: context.ip }],
        ['spend', key],
        ['give back', key],
        ['success', key],
      ]);
    });

    it('gives the failure back for an unreadable database; keeps it for a disabled admin\'s right password and the demo password in production', async () => {
      const { attempts, events } = recorder();
      await database.db.update(admins).set({ disabledAt: new Date() }).where(eq(admins.email, ADMIN.email));
      try {
        expect(await signIn(ADMIN.email, ADMIN.password, { ...context, attempts })).toEqual({ ok: false, error: 'invalid-credentials' });
      } finally {
        await database.db.update(admins).set({ disabledAt: null }).where(eq(admins.email, ADMIN.email));
      }
      // Given back, the budget told a guesser which guess was right (attack review).
      expect(events.map(([event]) => event)).toEqual(['spend']);

      events.length = 0;
      singletons().database = {
        ...database,
        db: new Proxy(database.db, { get: () => () => { throw new Error('connection refused'); } }),
      };
      expect(await signIn(ADMIN.email, ADMIN.password, { ...context, attempts })).toEqual({ ok: false, error: 'unavailable' });
      expect(events.map(([event]) => event)).toEqual(['spend', 'give back']);

      events.length = 0;
      installBackends({ redis, database, env: { NODE_ENV: 'production', OTP_SECRET: 'test-otp-secret-at-least-32-characters-long', REDIS_KEY_PREFIX: PREFIX } });
      expect(await signIn(DEMO_ADMIN.email, DEMO_ADMIN.password, { ...context, attempts })).toEqual({ ok: false, error: 'invalid-credentials' });
      expect(events.map(([event]) => event)).toEqual(['spend']);
    });

    it('names the browser only when its device cookie knows this admin', async () => {
      const { attempts, events } = recorder();
      const device = rememberAdmin(newAdminDevice(), ADMIN.email);
      await signIn(ADMIN.email, 'nope-nope-nope', { ...context, attempts, device });
      await signIn('nobody@thali.test', 'nope-nope-nope', { ...context, attempts, device });
      expect(events.map(([, key]) => key)).toEqual([
        { email: ADMIN.email, ip: context.ip, knownDevice: device.id },
        { email: 'nobody@thali.test', ip: context.ip },
      ]);
    });

    it('can refuse before any password is checked', async () => {
      const { attempts, events } = recorder(true);
      expect(await signIn(ADMIN.email, ADMIN.password, { ...context, attempts })).toEqual({
        ok: false,
        error: 'too-many-attempts',
        retryAfterSeconds: 900,
      });
      expect(events.map(([event]) => event)).toEqual(['spend']);
    });
  });
});
