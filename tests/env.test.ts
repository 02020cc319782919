import { describe, expect, it } from 'vitest';

import { ConfigError, databaseBackend, DEV_OTP_SECRET, otpSecret, parseEnv, redisBackend } from '@/lib/env';

describe('parseEnv', () => {
  it('falls back to the embedded backends with nothing set', () => {
    const env = parseEnv({});
    expect(databaseBackend(env)).toBe('pglite');
    expect(redisBackend(env)).toBe('memory');
  });

  it('prefers Upstash, then REDIS_URL', () => {
    const both = parseEnv({
      UPSTASH_REDIS_REST_URL: 'https://eu1.example.io',
      UPSTASH_REDIS_REST_TOKEN: 't',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(redisBackend(both)).toBe('upstash');
    expect(redisBackend(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe('tcp');
  });

  it('names the variable when configuration is half set', () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: 'https://eu1.example.io' })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_TOKEN: 't' })).toThrow(/UPSTASH_REDIS_REST_URL/);
  });

  it('rejects malformed URLs with the variable name', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  it('refuses the embedded backends on Vercel and says what to set', () => {
    expect(() => parseEnv({ VERCEL: '1' })).toThrow(/DATABASE_URL[\s\S]*UPSTASH_REDIS_REST_URL/);
    expect(() =>
      parseEnv({ VERCEL: '1', DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'rediss://h:6380' }),
    ).not.toThrow();
  });

  it('normalises REDIS_KEY_PREFIX to end with a separator and rejects odd characters', () => {
    expect(parseEnv({ REDIS_KEY_PREFIX: 'preview' }).REDIS_KEY_PREFIX).toBe('preview:');
    expect(parseEnv({ REDIS_KEY_PREFIX: 'prod:' }).REDIS_KEY_PREFIX).toBe('prod:');
    expect(() => parseEnv({ REDIS_KEY_PREFIX: 'Has Space' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('treats empty strings as unset', () => {
    expect(redisBackend(parseEnv({ REDIS_URL: '', UPSTASH_REDIS_REST_URL: '' }))).toBe('memory');
  });
});

describe('parseEnv: admin and sessions', () => {
  it('takes ADMIN_EMAIL and ADMIN_PASSWORD together, the email lowercased and the password untouched', () => {
    const env = parseEnv({ ADMIN_EMAIL: ' Ops@Thali.Test ', ADMIN_PASSWORD: '  spaces count  ' });
    expect(env.ADMIN_EMAIL).toBe('ops@thali.test');
    expect(env.ADMIN_PASSWORD).toBe('  spaces count  ');
    expect(() => parseEnv({ ADMIN_EMAIL: 'ops@thali.test' })).toThrow(/ADMIN_PASSWORD[^\n]*set together/);
    expect(() => parseEnv({ ADMIN_PASSWORD: 'long-enough-password' })).toThrow(/ADMIN_EMAIL[^\n]*set together/);
  });

  it('rejects a malformed email and a short password, naming the variable', () => {
    expect(() => parseEnv({ ADMIN_EMAIL: 'ops', ADMIN_PASSWORD: 'long-enough-password' })).toThrow(/ADMIN_EMAIL/);
    expect(() => parseEnv({ ADMIN_EMAIL: 'ops@thali.test', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: must be at least 12/);
  });

  it('refuses the documented demo password in production only', () => {
    const demo = { ADMIN_EMAIL: 'ops@thali.test', ADMIN_PASSWORD: 'thali-demo-admin' };
    expect(() => parseEnv({ NODE_ENV: 'production', ...demo })).toThrow(/ADMIN_PASSWORD: the documented demo password/);
    expect(() => parseEnv({ NODE_ENV: 'development', ...demo })).not.toThrow();
  });

  it('defaults sessions to 8 idle hours, at most a week', () => {
    expect(parseEnv({}).SESSION_TTL_HOURS).toBe(8);
    expect(parseEnv({ SESSION_TTL_HOURS: '24' }).SESSION_TTL_HOURS).toBe(24);
    expect(() => parseEnv({ SESSION_TTL_HOURS: '169' })).toThrow(/SESSION_TTL_HOURS/);
    expect(() => parseEnv({ SESSION_TTL_HOURS: '0' })).toThrow(/SESSION_TTL_HOURS/);
  });

  it('requires OTP_SECRET in production only with a shared Redis, where instances must agree on it', () => {
    const tcp = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', SMS_SENDER: 'outbox' };
    expect(() => parseEnv(tcp)).toThrow(/OTP_SECRET: required in production with a shared Redis/);
    expect(() => parseEnv({ ...tcp, OTP_SECRET: 'x'.repeat(32) })).not.toThrow();

    const embedded = parseEnv({ NODE_ENV: 'production' });
    const secret = otpSecret(embedded);
    expect(secret).not.toBe(DEV_OTP_SECRET);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(otpSecret(embedded)).toBe(secret);
    expect(otpSecret(parseEnv({}))).toBe(DEV_OTP_SECRET);
  });

  it('requires SMS_SENDER in production with a shared Redis: a deployment never shows codes on screen by forgetting a variable', () => {
    const deployed = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', OTP_SECRET: 'x'.repeat(32) };
    expect(() => parseEnv(deployed)).toThrow(/SMS_SENDER: required in production with a Postgres or a shared Redis/);
    expect(parseEnv({ ...deployed, SMS_SENDER: 'outbox' }).SMS_SENDER).toBe('outbox');
    expect(() => parseEnv({ ...deployed, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io', UPSTASH_REDIS_REST_TOKEN: 't', REDIS_URL: '' })).toThrow(/SMS_SENDER/);
    // Development, tests and one embedded production instance keep the demo outbox by default.
    expect(parseEnv({}).SMS_SENDER).toBe('outbox');
    expect(parseEnv({ NODE_ENV: 'production' }).SMS_SENDER).toBe('outbox');
    expect(parseEnv({ DATABASE_URL: 'postgres://db.internal/thali' }).SMS_SENDER).toBe('outbox');
  });

  it('requires SMS_SENDER in production on a Postgres of its own too: one instance on the in-process store keeps real accounts there', () => {
    // Attack review 3: `DATABASE_URL=… npm start` (no Redis) showed every code on screen, so anyone could open the account of an unused number in that Postgres.
    const single = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal/thali' };
    expect(() => parseEnv(single)).toThrow(/SMS_SENDER: required in production with a Postgres or a shared Redis/);
    expect(parseEnv({ ...single, SMS_SENDER: 'outbox' }).SMS_SENDER).toBe('outbox');
    // The in-process store alone keeps its own per-process OTP key: nothing else has to agree on it.
    expect(() => parseEnv({ ...single, SMS_SENDER: 'outbox' })).not.toThrow();
  });
});
