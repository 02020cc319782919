import net from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { newDevice } from '@/lib/customers/device';
import { requestOtp, verifyOtp } from '@/lib/customers/otp';
import { SmsSendError, twilioSender, type TwilioSettings } from '@/lib/sms/twilio';
import { parseEnv } from '@/lib/env';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { singletons } from '@/lib/server/singletons';

import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';
import { uniquePrefix } from '../support/services';

/**
 * The Twilio sender end to end over real HTTP against a local fake of Twilio's Messages API
 * (tests/support/fake-twilio.ts): the request shape and auth, retries only where a retry can't send
 * twice, no body or number in the logs, and a sign-in code delivered through it.
 */
const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'fake-twilio-auth-token-0123456789';
const MESSAGE = { to: '919876543210', kind: 'otp', body: '123456 is your Thali sign-in code.' } as const;

describe('Twilio sender against a fake Twilio', () => {
  let fake: FakeTwilio;
  let settings: TwilioSettings;
  const sleeps: number[] = [];
  const options = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };

  beforeAll(async () => {
    fake = await startFakeTwilio({ accountSid: SID, authToken: TOKEN });
    settings = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: '+15005550006', TWILIO_MESSAGING_SERVICE_SID: undefined, TWILIO_API_BASE_URL: fake.url };
  });
  afterEach(() => {
    fake.reset();
    sleeps.length = 0;
  });
  afterAll(async () => {
    await fake.close();
  });

  it('posts To (E.164), From and Body, form-encoded, with basic auth', async () => {
    await twilioSender(settings, options).send(MESSAGE);
    expect(fake.messages).toEqual([{ sid: expect.stringMatching(/^SM/), to: '+919876543210', from: '+15005550006', body: MESSAGE.body }]);
    expect(fake.requests).toEqual([{ status: 201 }]);
  });

  it('uses the messaging service instead of From when that is configured', async () => {
    const service = `MG${'2'.repeat(32)}`;
    await twilioSender({ ...settings, TWILIO_FROM: undefined, TWILIO_MESSAGING_SERVICE_SID: service }, options).send(MESSAGE);
    expect(fake.messages[0]).toMatchObject({ messagingServiceSid: service, from: undefined });
  });

  it('fails on wrong credentials, without a retry', async () => {
    const wrong = twilioSender({ ...settings, TWILIO_AUTH_TOKEN: 'not-the-right-token-at-all' }, options);
    await expect(wrong.send(MESSAGE)).rejects.toMatchObject({ name: 'SmsSendError', status: 401, retryable: false });
    expect(fake.requests).toEqual([{ status: 401 }]);
    expect(fake.messages).toEqual([]);
  });

  it('retries a 429 and a 503 with Retry-After (waiting as asked), then sends once', async () => {
    fake.failNext({ status: 429 });
    fake.failNext({ status: 503, retryAfter: 2 });
    await twilioSender(settings, options).send(MESSAGE);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 503, 201]);
    expect(fake.messages).toHaveLength(1);
    expect(sleeps).toEqual([125, 2_000]);
  });

  it('does not retry what may have been sent: a 500, a 503 without Retry-After, a dropped connection', async () => {
    for (const failure of [{ status: 500 }, { status: 503 }, { drop: true } as const]) {
      fake.reset();
      fake.failNext(failure);
      await expect(twilioSender(settings, options).send(MESSAGE)).rejects.toBeInstanceOf(SmsSendError);
      expect(fake.requests).toHaveLength(1);
    }
  });

  it('retries a refused connection (nothing was sent), and gives up after three tries', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const nowhere = twilioSender({ ...settings, TWILIO_API_BASE_URL: `http://127.0.0.1:${closed}` }, options);
    await expect(nowhere.send(MESSAGE)).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('ECONNREFUSED') });
    expect(sleeps).toHaveLength(2);
  });

  it('gives up rather than wait out a long Retry-After', async () => {
    fake.failNext({ status: 429, retryAfter: 3_600 });
    await expect(twilioSender(settings, options).send(MESSAGE)).rejects.toMatchObject({ status: 429 });
    expect(sleeps).toEqual([]);
  });

  it('never logs a body or a number', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
    try {
      fake.failNext({ status: 400 });
      await expect(twilioSender(settings, options).send(MESSAGE)).rejects.toThrow();
      const logged = spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' '))).join('\n');
      expect(logged).toContain('twilio');
      expect(logged).not.toContain('123456');
      expect(logged).not.toContain('9876543210');
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('delivers a sign-in code that then signs in; a failed send leaves no code and no cooldown', async () => {
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: uniquePrefix('twilio-otp') });
    const store = createMemoryStore();
    const device = newDevice();
    const sender = twilioSender(settings, options);
    const requester = { ip: '203.0.113.5', device };

    fake.failNext({ status: 500 });
    expect(await requestOtp('919812345678', requester, { store, sender, limiter: null })).toEqual({ ok: false, error: 'unavailable' });
    expect(await requestOtp('919812345678', requester, { store, sender, limiter: null })).toEqual({ ok: true });
    const code = /^(\d{6}) is your Thali sign-in code/.exec(fake.messages.at(-1)!.body)![1]!;
    expect(fake.messages.at(-1)!.to).toBe('+919812345678');
    expect(await verifyOtp('919812345678', requester, code, { store, cooldowns: null })).toEqual({ ok: true });
  });
});

describe('SMS_SENDER=twilio configuration', () => {
  const base = { SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN };
  it('needs the account, the token, and exactly one of From and a messaging service', () => {
    expect(parseEnv({ ...base, TWILIO_FROM: '+15005550006' }).TWILIO_API_BASE_URL).toBe('https://api.twilio.com');
    expect(() => parseEnv({ SMS_SENDER: 'twilio', TWILIO_FROM: '+15005550006' })).toThrow(/TWILIO_ACCOUNT_SID[\s\S]*TWILIO_AUTH_TOKEN/);
    expect(() => parseEnv(base)).toThrow(/exactly one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID/);
    expect(() => parseEnv({ ...base, TWILIO_FROM: '+15005550006', TWILIO_MESSAGING_SERVICE_SID: `MG${'2'.repeat(32)}` })).toThrow(/exactly one/);
    expect(() => parseEnv({ ...base, TWILIO_FROM: '15005550006' })).toThrow(/TWILIO_FROM/);
    expect(() => parseEnv({ ...base, TWILIO_ACCOUNT_SID: 'AC123', TWILIO_FROM: '+15005550006' })).toThrow(/TWILIO_ACCOUNT_SID/);
    expect(() => parseEnv({ SMS_SENDER: 'sms-gateway' })).toThrow(/SMS_SENDER/);
  });
});
