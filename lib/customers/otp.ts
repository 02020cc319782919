import 'server-only';

import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

import { customerKeys, OTP_RESEND_COOLDOWN_MS, OTP_TTL_MS } from './keys';
import { dailyCapCount } from '@/lib/sms/daily-cap';
import { mayHaveBeenSent } from '@/lib/sms/twilio';
import { otpSecret } from '@/lib/env';
import { log } from '@/lib/log';
import { addressBlock } from '@/lib/ratelimit/client-identity';
import type { Cooldowns, CooldownSpend, CooldownSubject } from '@/lib/ratelimit/cooldown';
import type { RateLimiter } from '@/lib/ratelimit/limiter';
import type { LimiterPolicyName } from '@/lib/ratelimit/policies';
import { rateLimitState } from '@/lib/ratelimit/state';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { customerExists } from './accounts';
import { knowsPhone, type CustomerDevice } from './device';
import { smsSender, type SmsSender } from '@/lib/sms/sender';

/**
 * Sign-in codes, with plain RedisStore commands so all three drivers behave alike
 * (docs/decisions/011-sign-in-codes-bound-to-a-browser.md).
 *
 * A code is stored only as its HMAC, under the browser that asked (`otp:{<phone>}:device:<id>`);
 * each verification spends an attempt (HINCRBY) before it compares, a match must win `HDEL … hmac`
 * (single use), every wrong answer reads the same, and neither code nor HMAC is ever logged. Wrong
 * codes are also counted per address and address block across all numbers (the `otp:wrong:*`
 * cooldowns), since an address may ask codes for many numbers and guess at each.
 */

export const OTP_MAX_ATTEMPTS = 5;
const CODE_PATTERN = /^\d{6}$/;

export type RequestOtpResult =
  | { ok: true }
  | { ok: false; error: 'cooldown'; retryAfterSeconds: number }
  | { ok: false; error: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; error: 'daily-cap' }
  | { ok: false; error: 'unavailable' };

/**
 * `invalid` is every kind of "no": wrong, expired, used, voided by too many attempts, or never sent.
 * `rate-limited`: this address entered too many wrong codes (for any numbers); nothing was compared.
 */
export type VerifyOtpResult =
  | { ok: true }
  | { ok: false; error: 'invalid' }
  | { ok: false; error: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; error: 'unavailable' };

export interface OtpOptions {
  store?: RedisStore;
  /** Rate limiter with the OTP policies; the process's by default. `null` skips limiting (tests). */
  limiter?: Pick<RateLimiter<LimiterPolicyName>, 'limit'> | null;
  /** Cooldowns with the wrong-code policies (verification); the process's by default. `null` skips them (tests). */
  cooldowns?: Pick<Cooldowns, 'spend'> | null;
  sender?: SmsSender;
  ttlMs?: number;
  cooldownMs?: number;
  dailyCap?: number;
  secret?: string;
  now?: () => number;
}

/** Who asks: the client's address (lib/ratelimit/client-identity.ts) and browser. */
export interface OtpRequester {
  ip: string;
  device: CustomerDevice;
}

export function hmacOf(phone: string, code: string, secret: string = otpSecret()): string {
  return createHmac('sha256', secret).update(`${phone}:${code}`).digest('base64url');
}

function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** The limits a request passes, in order: the address's own, its block's, then the number's (a known browser's own, then the total of all its known browsers). */
export function otpLimits(phone: string, { ip, device }: OtpRequester): [LimiterPolicyName, string][] {
  const block = addressBlock(ip);
  const number: [LimiterPolicyName, string][] = knowsPhone(device, phone)
    ? [
        ['otp:phone-device', `${phone}:${device.id}`],
        ['otp:phone-known:hour', phone],
        ['otp:phone-known:day', phone],
      ]
    : [
        ['otp:phone:hour', phone],
        ['otp:phone:day', phone],
      ];
  return [['otp:ip:hour', ip], ['otp:ip:day', ip], ['otp:block:hour', block], ['otp:block:day', block], ...number];
}

/**
 * The budgets a wrong code spends: the address's and its block's, per hour and per day (as code
 * requests are limited). None from a browser that signed in with the number before: its guesses can
 * only reach its own account's codes, so a block earned by others at its address must not stop it.
 */
export function wrongCodeLimits(phone: string, { ip, device }: OtpRequester): CooldownSubject[] {
  if (knowsPhone(device, phone)) return [];
  const block = addressBlock(ip);
  return [
    { policy: 'otp:wrong:ip:hour', parts: [ip] },
    { policy: 'otp:wrong:ip:day', parts: [ip] },
    { policy: 'otp:wrong:block:hour', parts: [block] },
    { policy: 'otp:wrong:block:day', parts: [block] },
  ];
}

/** Whole seconds to wait, at least one. */
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1_000));

/**
 * Who may see a code in the demo outbox (production): the asking browser, when the number has no
 * account yet or signed in from this browser before. A number someone else already uses is texted,
 * but shown to nobody: the outbox stands in for that person's phone, not the asker's.
 */
async function outboxAudience(phone: string, device: CustomerDevice): Promise<string | undefined> {
  if (knowsPhone(device, phone)) return device.id;
  try {
    return (await customerExists(phone)) ? undefined : device.id;
  } catch (error) {
    log.warn('sign-in code: could not check whether the number has an account; the outbox will not show it', {
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/** Sends a new code to `phone` (normalised) for this browser, replacing any earlier one it asked for. */
export async function requestOtp(phone: string, requester: OtpRequester, options: OtpOptions = {}): Promise<RequestOtpResult> {
  const store = options.store ?? getRedis();
  const now = options.now ?? Date.now;
  const { device } = requester;
  try {
    // A read first: a double click must not spend rate-limit budget or a text.
    const cooldownKey = customerKeys.otpCooldown(phone, device.id);
    const cooldownMs = options.cooldownMs ?? OTP_RESEND_COOLDOWN_MS;
    const waiting = await store.pttl(cooldownKey);
    // -2 is the only "no key": Redis keeps a key through its last millisecond, when PTTL says 0.
    if (waiting !== -2) {
      return { ok: false, error: 'cooldown', retryAfterSeconds: seconds(waiting >= 0 ? waiting : cooldownMs) };
    }

    const limiter = options.limiter === undefined ? rateLimitState().limiter : options.limiter;
    if (limiter) {
      for (const [policy, subject] of otpLimits(phone, requester)) {
        const result = await limiter.limit(policy, subject);
        // Refused because Redis could not be asked (closed on failure): nobody has asked too often.
        if (!result.success && result.source === 'closed') return { ok: false, error: 'unavailable' };
        if (!result.success) return { ok: false, error: 'rate-limited', retryAfterSeconds: seconds(result.resetMs - now()) };
      }
    }

    // Only now, with every limit passed: an attacker who is refused never delays anyone's code.
    if (!(await store.set(cooldownKey, '1', { nx: true, px: cooldownMs }))) {
      return { ok: false, error: 'cooldown', retryAfterSeconds: seconds(cooldownMs) };
    }

    const daily = dailyCapCount(store, 'otp', { cap: options.dailyCap, now });
    if (!(await daily.count())) return { ok: false, error: 'daily-cap' };

    const code = newCode();
    const key = customerKeys.otp(phone, device.id);
    // Both fields at once: a new code also resets the attempts of the one it replaces.
    await store.hset(key, { hmac: hmacOf(phone, code, options.secret), attempts: '0' });
    await store.pexpire(key, options.ttlMs ?? OTP_TTL_MS);
    const sender = options.sender ?? smsSender();
    const message = {
      to: phone,
      kind: 'otp',
      body: `${code} is your Thali sign-in code. It expires in 3 minutes. Never share it.`,
      ...(sender.name === 'outbox' ? { device: await outboxAudience(phone, device) } : {}),
    } as const;
    try {
      await sender.send(message, store);
    } catch (error) {
      // Not sent (or not known to be): the customer may ask again at once, for a new code.
      await store.del([key, cooldownKey]);
      if (!mayHaveBeenSent(error)) await daily.refund();
      throw error;
    }
    return { ok: true };
  } catch {
    // Deliberately without the error's text: a driver's message could echo a command's arguments.
    return { ok: false, error: 'unavailable' };
  }
}

/**
 * Checks a code for `phone` from this browser; `ok: true` exactly once per code sent. `beforeUse` runs
 * once the code matched and before it is used up: if it throws, the answer is `unavailable` and the
 * code stays pending for a retry (its attempt spent), so a sign-in that could not finish (Postgres
 * away) does not cost the customer their code.
 */
export async function verifyOtp(
  phone: string,
  requester: OtpRequester,
  code: string,
  options: OtpOptions = {},
  beforeUse?: () => Promise<void>,
): Promise<VerifyOtpResult> {
  const store = options.store ?? getRedis();
  const key = customerKeys.otp(phone, requester.device.id);
  const invalid = { ok: false, error: 'invalid' } as const;
  const subjects = wrongCodeLimits(phone, requester);
  const cooldowns = subjects.length === 0 ? null : options.cooldowns === undefined ? rateLimitState().cooldowns : options.cooldowns;
  let spent: CooldownSpend | undefined;
  let wrong = false;
  try {
    // A guess with no code pending can't sign anyone in: it costs no budget.
    if (!(await store.exists([key]))) return invalid;
    // The address's wrong-code budget is spent before comparing, and given back below unless the code
    // was wrong: checked first and counted after, guesses sent at once would all be compared. A
    // refused guess spends no attempt of the code.
    spent = cooldowns ? await cooldowns.spend(subjects) : undefined;
    if (spent?.blocked) return { ok: false, error: 'rate-limited', retryAfterSeconds: seconds(spent.retryAfterMs) };
    // Spend the attempt before comparing: concurrent guesses can't compare more than MAX_ATTEMPTS times.
    const attempts = await store.hincrby(key, 'attempts', 1);
    const stored = await store.hget(key, 'hmac');
    if (stored === null) {
      // Expired or used between the two reads; HINCRBY may just have re-created a TTL-less hash.
      if ((await store.pttl(key)) === -1) await store.del([key]);
      return invalid;
    }
    const compared = attempts <= OTP_MAX_ATTEMPTS;
    const matches = compared && CODE_PATTERN.test(code) && sameDigest(hmacOf(phone, code, options.secret), stored);
    if (!matches) {
      if (attempts >= OTP_MAX_ATTEMPTS) await store.del([key]);
      wrong = compared;
      return invalid;
    }
    await beforeUse?.();
    // Single use: only the caller whose HDEL removes the field signs in.
    if ((await store.hdel(key, ['hmac'])) !== 1) return invalid;
    await store.del([key]);
    return { ok: true };
  } catch {
    return { ok: false, error: 'unavailable' };
  } finally {
    // Only a code compared and found wrong keeps its failure: not a right code, not a double submit
    // that lost the HDEL, not a code gone in between, not a Redis error.
    if (spent && !spent.blocked && !wrong) await spent.giveBack().catch(() => {});
  }
}
