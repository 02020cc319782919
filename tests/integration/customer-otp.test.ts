import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { customerKeys } from '@/lib/customers/keys';
import { newDevice, withPhone, type CustomerDevice } from '@/lib/customers/device';
import { otpLimits, requestOtp, verifyOtp, OTP_MAX_ATTEMPTS, type OtpOptions } from '@/lib/customers/otp';
import { normalizePhone } from '@/lib/customers/phone';
import { outboxSender, readOutbox, type SmsMessage, type SmsSender } from '@/lib/sms/sender';
import { parseEnv } from '@/lib/env';
import { createRateLimitState } from '@/lib/ratelimit/state';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * OTP sign-in codes on every driver: expiry, the attempt limit, single use under concurrency, the
 * resend cooldown, the daily cap, and no code in the logs; and the attacks of issue #10 (findings
 * 2 and 3) against the real policies: codes bound to the browser that asked, limits before the
 * cooldown, and a daily cap one actor can't reach.
 */
const IP = '203.0.113.9';

/** A sender that keeps what it was given, so tests can read the code as a customer would. */
function capturingSender(): SmsSender & { sent: SmsMessage[]; lastCode(): string } {
  const sent: SmsMessage[] = [];
  return {
    // Not the outbox: that one asks Postgres who may see a code (tests/integration/outbox-visibility.test.ts).
    name: 'twilio',
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

await describeEachDriver('OTP', (driver) => {
  const prefix = uniquePrefix(`otp-${driver.name}`);
  let store: RedisStore;
  let sender: ReturnType<typeof capturingSender>;
  let options: OtpOptions;
  /** The browser of the number's owner, and the requester it asks as (one address). */
  let owner: CustomerDevice;
  let asOwner: { ip: string; device: CustomerDevice };

  beforeAll(async () => {
    store = await driver.create();
  });
  beforeEach(() => {
    const app = singletons();
    app.env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000' });
    sender = capturingSender();
    options = { store, sender, limiter: null };
    owner = newDevice();
    asOwner = { ip: IP, device: owner };
  });
  afterAll(async () => {
    await deleteKeysUnder(store, prefix);
    await store.close();
    await driver.cleanup();
  });

  it('stores only an HMAC, with a TTL, under the asking browser; the right code signs in once', async () => {
    const phone = freshPhone();
    expect(await requestOtp(phone, asOwner, options)).toEqual({ ok: true });
    const code = sender.lastCode();
    const stored = await store.hgetall(customerKeys.otp(phone, owner.id));
    expect(Object.keys(stored).sort()).toEqual(['attempts', 'hmac']);
    expect(JSON.stringify(stored)).not.toContain(code);
    const ttl = await store.pttl(customerKeys.otp(phone, owner.id));
    expect(ttl).toBeGreaterThan(170_000);
    expect(ttl).toBeLessThanOrEqual(180_000);
    expect(await verifyOtp(phone, owner, code, options)).toEqual({ ok: true });
    expect(await verifyOtp(phone, owner, code, options)).toEqual({ ok: false, error: 'invalid' });
  });

  it('a code expires with its TTL', async () => {
    const phone = freshPhone();
    await requestOtp(phone, asOwner, { ...options, ttlMs: 150 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await verifyOtp(phone, owner, sender.lastCode(), options)).toEqual({ ok: false, error: 'invalid' });
  });

  it('five wrong attempts void the code, even for the right one after; every answer is the same', async () => {
    const phone = freshPhone();
    await requestOtp(phone, asOwner, options);
    const code = sender.lastCode();
    for (let attempt = 1; attempt <= OTP_MAX_ATTEMPTS; attempt++) {
      expect(await verifyOtp(phone, owner, wrongCode(code), options)).toEqual({ ok: false, error: 'invalid' });
    }
    expect(await verifyOtp(phone, owner, code, options)).toEqual({ ok: false, error: 'invalid' });
    expect(await store.exists([customerKeys.otp(phone, owner.id)])).toBe(0);
  });

  it('concurrent wrong guesses compare at most five times', async () => {
    const phone = freshPhone();
    await requestOtp(phone, asOwner, options);
    const code = sender.lastCode();
    await Promise.all(Array.from({ length: 12 }, () => verifyOtp(phone, owner, wrongCode(code), options)));
    expect(await verifyOtp(phone, owner, code, options)).toMatchObject({ ok: false });
    expect(await store.exists([customerKeys.otp(phone, owner.id)])).toBe(0);
  });

  it('two simultaneous correct submissions sign in exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const phone = freshPhone();
      await requestOtp(phone, asOwner, options);
      const code = sender.lastCode();
      const results = await Promise.all([1, 2, 3].map(() => verifyOtp(phone, owner, code, options)));
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    }
  });

  it('a resend from the same browser within 30 s is refused; after the cooldown a new code replaces the old one', async () => {
    const phone = freshPhone();
    expect(await requestOtp(phone, asOwner, options)).toEqual({ ok: true });
    const first = sender.lastCode();
    const again = await requestOtp(phone, asOwner, options);
    expect(again).toMatchObject({ ok: false, error: 'cooldown' });
    expect(again.ok === false && again.error === 'cooldown' && again.retryAfterSeconds).toBeGreaterThan(25);
    expect(sender.sent).toHaveLength(1);
    expect(await store.pttl(customerKeys.otpCooldown(phone, owner.id))).toBeGreaterThan(25_000);

    await store.del([customerKeys.otpCooldown(phone, owner.id)]); // as 30 s passing would
    expect(await requestOtp(phone, asOwner, options)).toEqual({ ok: true });
    const second = sender.lastCode();
    if (second !== first) expect(await verifyOtp(phone, owner, first, options)).toEqual({ ok: false, error: 'invalid' });
    expect(await verifyOtp(phone, owner, second, options)).toEqual({ ok: true });
  });

  it('finding 3: another browser can neither use nor void the owner\'s code, and learns nothing from the answers', async () => {
    const phone = freshPhone();
    const attacker = newDevice();
    await requestOtp(phone, asOwner, options);
    const code = sender.lastCode();
    // Guessing the owner's pending code (the right one included) from elsewhere: the same answer as for no code at all.
    const noCode = await verifyOtp(freshPhone(), attacker, '123456', options);
    for (let i = 0; i < 20; i++) expect(await verifyOtp(phone, attacker, i === 10 ? code : wrongCode(code), options)).toEqual(noCode);
    expect(noCode).toEqual({ ok: false, error: 'invalid' });
    // The owner's code has all its attempts left and still works.
    expect(await store.hget(customerKeys.otp(phone, owner.id), 'attempts')).toBe('0');
    expect(await verifyOtp(phone, owner, code, options)).toEqual({ ok: true });
  });

  it('finding 3: an attacker asking codes for the number puts no cooldown on its owner', async () => {
    const phone = freshPhone();
    expect(await requestOtp(phone, { ip: '198.51.100.66', device: newDevice() }, options)).toEqual({ ok: true });
    expect(await requestOtp(phone, asOwner, options)).toEqual({ ok: true });
  });

  it('finding 3: the cooldown is set only after every limit passed', async () => {
    const phone = freshPhone();
    const refusing: OtpOptions = {
      ...options,
      limiter: { limit: async () => ({ success: false, limit: 3, remaining: 0, resetMs: Date.now() + 60_000, source: 'redis', pending: Promise.resolve() }) },
    };
    const attacker = newDevice();
    expect(await requestOtp(phone, { ip: IP, device: attacker }, refusing)).toMatchObject({ ok: false, error: 'rate-limited' });
    expect(await store.exists([customerKeys.otpCooldown(phone, attacker.id)])).toBe(0);
    expect(sender.sent).toHaveLength(0);
    // A limited request leaves nothing behind that delays the same browser once its limit has passed.
    expect(await requestOtp(phone, { ip: IP, device: attacker }, options)).toEqual({ ok: true });
  });

  it('the global daily cap stops sending', async () => {
    const capped = { ...options, dailyCap: 1, now: () => Date.parse('2031-01-01T06:00:00Z') };
    expect(await requestOtp(freshPhone(), asOwner, capped)).toEqual({ ok: true });
    expect(await requestOtp(freshPhone(), asOwner, capped)).toEqual({ ok: false, error: 'daily-cap' });
    expect(sender.sent).toHaveLength(1);
  });

  it('a code that surely was not sent does not count toward the daily cap (a provider outage does not use up the day)', async () => {
    const capped = { ...options, dailyCap: 1, now: () => Date.parse('2031-02-01T06:00:00Z') };
    const down: SmsSender = { name: 'twilio', send: async () => Promise.reject(new Error('provider down')) };
    for (let i = 0; i < 3; i++) expect(await requestOtp(freshPhone(), asOwner, { ...capped, sender: down })).toEqual({ ok: false, error: 'unavailable' });
    expect(await requestOtp(freshPhone(), asOwner, capped)).toEqual({ ok: true });
    expect(await requestOtp(freshPhone(), asOwner, capped)).toEqual({ ok: false, error: 'daily-cap' });
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
      // The real demo sender, as production with SMS_SENDER=outbox runs it (the number is known
      // to this browser, so no customer lookup is needed to decide who may see the code).
      const known = withPhone(owner, phone);
      const real = { ...options, sender: outboxSender };
      expect(await requestOtp(phone, { ip: IP, device: known }, real)).toEqual({ ok: true });
      const [message] = await readOutbox(store, 1);
      expect(message).toMatchObject({ to: phone, device: known.id });
      const code = /\b(\d{6})\b/.exec(message!.body)![1]!;
      await verifyOtp(phone, known, wrongCode(code), options);
      await verifyOtp(phone, known, code, options);
      await verifyOtp(phone, known, code, options);
      const logged = spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))).join('\n');
      expect(logged).not.toContain(code);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});

describe('OTP limits with the real policies (in-process limiter)', () => {
  const env = parseEnv({ NODE_ENV: 'test' });
  let store: RedisStore;
  let sender: ReturnType<typeof capturingSender>;
  const limiter = () => createRateLimitState(env).limiter;

  beforeEach(() => {
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: uniquePrefix('otp-limits') });
    store = createMemoryStore();
    sender = capturingSender();
  });

  it('checks the address, its block and then the number; a browser that signed in with it has its own budget', () => {
    const device = newDevice();
    const phone = freshPhone();
    expect(otpLimits(phone, { ip: '203.0.113.9', device }).map(([policy, subject]) => `${policy} ${subject}`)).toEqual([
      'otp:ip:hour 203.0.113.9',
      'otp:ip:day 203.0.113.9',
      'otp:block:hour 203.0.113.0/24',
      'otp:block:day 203.0.113.0/24',
      `otp:phone:hour ${phone}`,
      `otp:phone:day ${phone}`,
    ]);
    expect(otpLimits(phone, { ip: '203.0.113.9', device: withPhone(device, phone) }).at(-1)).toEqual(['otp:phone-device', `${phone}:${device.id}`]);
  });

  it('finding 2: 110 addresses × 10 numbers cannot exhaust the daily cap; the real user still gets a code', async () => {
    const options: OtpOptions = { store, sender, limiter: limiter(), cooldownMs: 1 };
    let attempts = 0;
    for (let address = 0; address < 110; address++) {
      const requester = { ip: `10.${address}.0.1`, device: newDevice() };
      for (let number = 0; number < 10; number++) {
        attempts += 1;
        await requestOtp(freshPhone(), requester, options);
      }
    }
    expect(attempts).toBe(1_100);
    // Each address got its hourly budget (10), far below the cap; the victim's request passes.
    const sentByAttack = sender.sent.length;
    expect(sentByAttack).toBe(110 * env.RATE_LIMIT_OTP_PER_IP_PER_HOUR);
    expect(sentByAttack).toBeLessThan(env.SMS_DAILY_CAP / 10);
    expect(await requestOtp(freshPhone(), { ip: '203.0.113.200', device: newDevice() }, options)).toEqual({ ok: true });
  });

  it('finding 3: an attacker who spends a number\'s shared budget does not lock out a browser that signed in with it', async () => {
    const options: OtpOptions = { store, sender, limiter: limiter(), cooldownMs: 1 };
    const phone = freshPhone();
    for (let i = 0; i < 20; i++) await requestOtp(phone, { ip: `10.9.${i}.1`, device: newDevice() }, options);
    expect(await requestOtp(phone, { ip: '10.200.0.1', device: newDevice() }, options)).toMatchObject({ ok: false, error: 'rate-limited' });
    const ownerDevice = withPhone(newDevice(), phone);
    expect(await requestOtp(phone, { ip: '10.200.0.2', device: ownerDevice }, options)).toEqual({ ok: true });
  });
});
