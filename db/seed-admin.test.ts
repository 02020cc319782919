import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_ADMIN, parseEnv } from '@/lib/env';
import { createTestPglite } from '@/tests/support/databases';

import { adminToSeed, seedAdmin } from './seed-admin';

describe('seedAdmin (PGlite)', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestPglite();
  });
  afterAll(async () => {
    await database.close();
  });

  const row = async (email: string) => (await database.db.select().from(admins).where(eq(admins.email, email)))[0];

  it('creates the admin with a normalised email and a scrypt hash, never the password', async () => {
    expect(await seedAdmin(database.db, { email: '  Meera@Thali.Test ', password: 'first-password-1' })).toBe('created');
    const admin = (await row('meera@thali.test'))!;
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    expect(admin.passwordHash).not.toContain('first-password-1');
    expect(await verifyPassword('first-password-1', admin.passwordHash)).toBe(true);
  });

  it('is idempotent: the same password leaves the row alone', async () => {
    const before = (await row('meera@thali.test'))!;
    expect(await seedAdmin(database.db, { email: 'meera@thali.test', password: 'first-password-1' })).toBe('unchanged');
    expect(await row('meera@thali.test')).toEqual(before);
    expect(await database.db.$count(admins, eq(admins.email, 'meera@thali.test'))).toBe(1);
  });

  it('updates the hash when the password changed, and the old one stops working', async () => {
    const epoch = (await row('meera@thali.test'))!.sessionEpoch;
    expect(await seedAdmin(database.db, { email: 'MEERA@thali.test', password: 'second-password-2' })).toBe('updated');
    const admin = (await row('meera@thali.test'))!;
    // Finding 14: a new ADMIN_PASSWORD ends the sessions opened with the old one.
    expect(admin.sessionEpoch).toBe(epoch + 1);
    expect(await verifyPassword('second-password-2', admin.passwordHash)).toBe(true);
    expect(await verifyPassword('first-password-1', admin.passwordHash)).toBe(false);
    expect(await database.db.$count(admins, eq(admins.email, 'meera@thali.test'))).toBe(1);
  });
});

describe('adminToSeed', () => {
  const configured = {
    ADMIN_EMAIL: 'ops@thali.test',
    ADMIN_PASSWORD: 'a-long-password',
    OTP_SECRET: 'test-otp-secret-at-least-32-characters-long',
  };

  it('uses ADMIN_EMAIL / ADMIN_PASSWORD whenever both are set', () => {
    for (const NODE_ENV of ['development', 'production', 'test']) {
      expect(adminToSeed(parseEnv({ NODE_ENV, ...configured }), true)).toEqual({
        credentials: { email: 'ops@thali.test', password: 'a-long-password' },
        source: 'env',
      });
    }
  });

  it('falls back to the demo admin only for the embedded database in development', () => {
    expect(adminToSeed(parseEnv({ NODE_ENV: 'development' }), true)).toMatchObject({ credentials: DEMO_ADMIN, source: 'demo' });
    expect(adminToSeed(parseEnv({ NODE_ENV: 'development' }), false)).toBeUndefined();
    expect(adminToSeed(parseEnv({ NODE_ENV: 'production', OTP_SECRET: 'test-otp-secret-at-least-32-characters-long' }), true)).toBeUndefined();
    expect(adminToSeed(parseEnv({ NODE_ENV: 'test' }), true)).toBeUndefined();
  });
});
