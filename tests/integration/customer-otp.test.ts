import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { customerKeys } from '@/lib/cache/keys';
import { requestOtp, verifyOtp, OTP_MAX_ATTEMPTS, type OtpOptions } from '@/lib/customers/otp';
import { normalizePhone } from '@/lib/customers/phone';
import { outboxSender, readOutbox, type SmsMessage, type SmsSender } from '@/lib/customers/sms';
import { parseEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { driversUnderTest } from '../support/redis-drivers';
import { uniquePrefix } from '../support/services';

/**
 * OTP sign-in codes on every driver: expiry, the attempt limit, single use under concurrency, the
 * resend cooldown, the daily cap, and no code in the logs.
 */
const drivers = await driversUnderTest();
const IP = '203.0.113.9';

/** A sender that keeps what it was given, so tests can read the code as a customer would. */
function capturingSender(): SmsSender & { sent: SmsMessage[]; lastCode(): string } {
  const sent: SmsMessage[] = [];
  return {
    name: 'outbox',
    sent,
    send: async (message) => void sent.push(message),
    lastCode: () => /\b(\d{6})\b/.exec(sent.at(-1)!.body)![1]!,
  };
}

let counter = 0;
/** A fresh number per call, so cooldowns and codes never carry over (the key prefix separates runs). */
function freshPhone(): string {
  counter += 1;
  return normalizePhone(`9${String(counter).padStart(9, '0')}`)!;
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('normalizePhone', () => {
  it('accepts 10 digits starting 6-9, with or without +91, and nothing else', () => {
    expect(normalizePhone('9876543210')).toBe('919876543210');
    expect(normalizePhone('+91 98765 43210')).toBe('919876543210');
    expect(normalizePhone('91-98765-43210')).toBe('919876543210');
    expect(normalizePhone('09876543210')).toBe('919876543210');
    expect(normalizePhone('5876543210')).toBeNull();
    expect(normalizePhone('987654321')).toBeNull();
    expect(normalizePhone('+1 9876543210')).toBeNull();
    expect(normalizePhone('98765432100')).toBeNull();
  });
});

for (const driver of drivers) {
  describe.skipIf(!driver.available)(`OTP on ${driver.name}${driver.available ? '' : ` (skipped: ${driver.skipReason})`}`, () => {
    const prefix = uniquePrefix(`otp-${driver.name}`);
    let store: RedisStore;
    let sender: ReturnType<typeof capturingSender>;
    let options: OtpOptions;

    beforeAll(async () => {
      store = await driver.create();
    });
    beforeEach(() => {
      const app = singletons();
      app.env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000' });
      sender = capturingSender();
      options = { store, sender, limiter: null };
    });
    afterAll(async () => {
      await deleteKeysUnder(store, prefix);
      await store.close();
      await driver.cleanup();
    });

    it('stores only an HMAC, with a TTL, and the right code signs in', async () => {
      const phone = freshPhone();
      expect(await requestOtp(phone, IP, options)).toEqual({ ok: true });
      const code = sender.lastCode();
      const stored = await store.hgetall(customerKeys.otp(phone));
      expect(Object.keys(stored).sort()).toEqual(['attempts', 'hmac']);
      expect(JSON.stringify(stored)).not.toContain(code);
      const ttl = await store.pttl(customerKeys.otp(phone));
      expect(ttl).toBeGreaterThan(170_000);
      expect(ttl).toBeLessThanOrEqual(180_000);
      expect(await verifyOtp(phone, code, options)).toEqual({ ok: true });
      expect(await verifyOtp(phone, code, options)).toEqual({ ok: false, error: 'expired' });
    });

    it('a code expires with its TTL', async () => {
      const phone = freshPhone();
      await requestOtp(phone, IP, { ...options, ttlMs: 150 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await verifyOtp(phone, sender.lastCode(), options)).toEqual({ ok: false, error: 'expired' });
    });

    it('five wrong attempts void the code, even for the right one after', async () => {
      const phone = freshPhone();
      await requestOtp(phone, IP, options);
      const code = sender.lastCode();
      for (let attempt = 1; attempt < OTP_MAX_ATTEMPTS; attempt++) {
        expect(await verifyOtp(phone, wrongCode(code), options)).toEqual({
          ok: false,
          error: 'invalid',
          attemptsLeft: OTP_MAX_ATTEMPTS - attempt,
        });
      }
      expect(await verifyOtp(phone, wrongCode(code), options)).toEqual({ ok: false, error: 'too-many-attempts' });
      expect(await verifyOtp(phone, code, options)).toEqual({ ok: false, error: 'expired' });
      expect(await store.exists([customerKeys.otp(phone)])).toBe(0);
    });

    it('concurrent wrong guesses compare at most five times', async () => {
      const phone = freshPhone();
      await requestOtp(phone, IP, options);
      const code = sender.lastCode();
      const results = await Promise.all(Array.from({ length: 12 }, () => verifyOtp(phone, wrongCode(code), options)));
      expect(results.filter((result) => !result.ok && result.error === 'invalid').length).toBeLessThanOrEqual(OTP_MAX_ATTEMPTS - 1);
      expect(await verifyOtp(phone, code, options)).toMatchObject({ ok: false });
      expect(await store.exists([customerKeys.otp(phone)])).toBe(0);
    });

    it('two simultaneous correct submissions sign in exactly once', async () => {
      for (let round = 0; round < 5; round++) {
        const phone = freshPhone();
        await requestOtp(phone, IP, options);
        const code = sender.lastCode();
        const results = await Promise.all([verifyOtp(phone, code, options), verifyOtp(phone, code, options), verifyOtp(phone, code, options)]);
        expect(results.filter((result) => result.ok)).toHaveLength(1);
      }
    });

    it('a resend within 30 s is refused; after the cooldown a new code replaces the old one', async () => {
      const phone = freshPhone();
      expect(await requestOtp(phone, IP, options)).toEqual({ ok: true });
      const first = sender.lastCode();
      const again = await requestOtp(phone, IP, options);
      expect(again).toMatchObject({ ok: false, error: 'cooldown' });
      expect(again.ok === false && again.error === 'cooldown' && again.retryAfterSeconds).toBeGreaterThan(25);
      expect(sender.sent).toHaveLength(1);
      expect(await store.pttl(customerKeys.otpCooldown(phone))).toBeGreaterThan(25_000);

      await store.del([customerKeys.otpCooldown(phone)]); // as 30 s passing would
      expect(await requestOtp(phone, IP, options)).toEqual({ ok: true });
      const second = sender.lastCode();
      if (second !== first) expect(await verifyOtp(phone, first, options)).toMatchObject({ ok: false, error: 'invalid' });
      expect(await verifyOtp(phone, second, options)).toEqual({ ok: true });
    });

    it('the global daily cap stops sending', async () => {
      const capped = { ...options, dailyCap: 1, now: () => Date.parse('2031-01-01T06:00:00Z') };
      expect(await requestOtp(freshPhone(), IP, capped)).toEqual({ ok: true });
      expect(await requestOtp(freshPhone(), IP, capped)).toEqual({ ok: false, error: 'daily-cap' });
      expect(sender.sent).toHaveLength(1);
    });

    it('refuses when the OTP rate limits do', async () => {
      const phone = freshPhone();
      const limited: OtpOptions = {
        ...options,
        limiter: { limit: async () => ({ success: false, limit: 3, remaining: 0, resetMs: Date.now() + 60_000, source: 'redis', pending: Promise.resolve() }) },
      };
      expect(await requestOtp(phone, IP, limited)).toMatchObject({ ok: false, error: 'rate-limited' });
      expect(sender.sent).toHaveLength(0);
    });

    it('writes no code to any log, in production', async () => {
      singletons().env = parseEnv({
        NODE_ENV: 'production',
        OTP_SECRET: 'test-otp-secret-at-least-32-characters-long',
        REDIS_KEY_PREFIX: prefix,
        REDIS_TIMEOUT_MS: '5000',
      });
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation(() => {}),
      );
      try {
        const phone = freshPhone();
        // The real demo sender, as production with SMS_SENDER=outbox runs it.
        const real = { ...options, sender: outboxSender };
        expect(await requestOtp(phone, IP, real)).toEqual({ ok: true });
        const [message] = await readOutbox(store, 1);
        expect(message?.to).toBe(phone);
        const code = /\b(\d{6})\b/.exec(message!.body)![1]!;
        await verifyOtp(phone, wrongCode(code), options);
        await verifyOtp(phone, code, options);
        await verifyOtp(phone, code, options);
        const logged = spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))).join('\n');
        expect(logged).not.toContain(code);
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });
  });
}
