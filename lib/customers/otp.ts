import 'server-only';

import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

import { customerKeys, OTP_RESEND_COOLDOWN_MS, OTP_TTL_MS, SMS_DAY_TTL_MS } from '@/lib/cache/keys';
import { dayOf } from '@/lib/counters/buckets';
import { getEnv, otpSecret } from '@/lib/env';
import type { LimiterPolicyName } from '@/lib/ratelimit/policies';
import type { RateLimiter } from '@/lib/ratelimit/limiter';
import { rateLimitState } from '@/lib/ratelimit/state';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { smsSender, type SmsSender } from './sms';

/**
 * Sign-in codes, with plain RedisStore commands so all three drivers behave alike.
 *
 * - A 6-digit code from `crypto.randomInt`, stored only as HMAC-SHA256(OTP_SECRET, phone:code) in the
 *   hash `otp:{<phone>}` = `{ hmac, attempts }`, which expires OTP_TTL_MS (3 min) after it was sent.
 * - Every verification first spends an attempt (HINCRBY, atomic on every driver) and only then
 *   compares, so however many guesses arrive at once, at most MAX_ATTEMPTS are ever compared; the
 *   fifth wrong one deletes the hash: the code is void.
 * - Single use: a matching submission must then win `HDEL otp:{<phone>} hmac`. HDEL is one command,
 *   which Redis (and Upstash, and the in-process store, one command at a time) runs atomically: of
 *   any number of simultaneous correct submissions exactly one sees the field present and gets 1,
 *   the others get 0 and are refused. Only a new code (a new HSET) can put the field back.
 * - Resend cooldown: SET `otp:{<phone>}:cooldown` NX PX 30 s before anything is sent.
 * - Rate limits `otp:phone` and `otp:ip` (lib/ratelimit/policies.ts), and a global daily cap on
 *   texts (INCR `sms:v1:sent:<IST day>`), so neither one number nor the whole site runs up the bill.
 * - Neither the code nor its HMAC is ever logged; a code exists in plain text only in the SMS sent.
 */

export const OTP_MAX_ATTEMPTS = 5;
const CODE_PATTERN = /^\d{6}$/;

export type RequestOtpResult =
  | { ok: true }
  | { ok: false; error: 'cooldown'; retryAfterSeconds: number }
  | { ok: false; error: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; error: 'daily-cap' }
  | { ok: false; error: 'unavailable' };

export type VerifyOtpResult =
  | { ok: true }
  | { ok: false; error: 'invalid'; attemptsLeft: number }
  /** No code to check: never sent, expired, already used, or voided by too many wrong attempts. */
  | { ok: false; error: 'expired' }
  | { ok: false; error: 'too-many-attempts' }
  | { ok: false; error: 'unavailable' };

export interface OtpOptions {
  store?: RedisStore;
  /** Rate limiter with the OTP policies; the process's by default. `null` skips limiting (tests). */
  limiter?: Pick<RateLimiter<LimiterPolicyName>, 'limit'> | null;
  sender?: SmsSender;
  ttlMs?: number;
  cooldownMs?: number;
  dailyCap?: number;
  secret?: string;
  now?: () => number;
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

/** Sends a new code to `phone` (normalised), replacing any earlier one. */
export async function requestOtp(phone: string, ip: string, options: OtpOptions = {}): Promise<RequestOtpResult> {
  const store = options.store ?? getRedis();
  const now = options.now ?? Date.now;
  try {
    // The cooldown first: a double click must not spend rate-limit budget or a text.
    const cooldownKey = customerKeys.otpCooldown(phone);
    const cooldownMs = options.cooldownMs ?? OTP_RESEND_COOLDOWN_MS;
    if (!(await store.set(cooldownKey, '1', { nx: true, px: cooldownMs }))) {
      const left = await store.pttl(cooldownKey);
      return { ok: false, error: 'cooldown', retryAfterSeconds: Math.max(1, Math.ceil((left > 0 ? left : cooldownMs) / 1_000)) };
    }

    const limiter = options.limiter === undefined ? rateLimitState().limiter : options.limiter;
    if (limiter) {
      for (const [policy, subject] of [
        ['otp:ip', ip],
        ['otp:phone', phone],
      ] as const) {
        const result = await limiter.limit(policy, subject);
        if (!result.success) {
          return { ok: false, error: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil((result.resetMs - now()) / 1_000)) };
        }
      }
    }

    const dayKey = customerKeys.smsSentDay(dayOf(now()));
    const sent = await store.incr(dayKey);
    if (sent === 1) await store.pexpire(dayKey, SMS_DAY_TTL_MS);
    if (sent > (options.dailyCap ?? getEnv().SMS_DAILY_CAP)) return { ok: false, error: 'daily-cap' };

    const code = newCode();
    const key = customerKeys.otp(phone);
    // Both fields at once: a new code also resets the attempts of the one it replaces.
    await store.hset(key, { hmac: hmacOf(phone, code, options.secret), attempts: '0' });
    await store.pexpire(key, options.ttlMs ?? OTP_TTL_MS);
    await (options.sender ?? smsSender()).send(
      { to: phone, kind: 'otp', body: `${code} is your Thali sign-in code. It expires in 3 minutes. Never share it.` },
      store,
    );
    return { ok: true };
  } catch {
    // Deliberately without the error's text: a driver's message could echo a command's arguments.
    return { ok: false, error: 'unavailable' };
  }
}

/** Checks a code for `phone`; `ok: true` exactly once per code sent. */
export async function verifyOtp(phone: string, code: string, options: OtpOptions = {}): Promise<VerifyOtpResult> {
  const store = options.store ?? getRedis();
  const key = customerKeys.otp(phone);
  try {
    if (!(await store.exists([key]))) return { ok: false, error: 'expired' };
    // Spend the attempt before comparing: concurrent guesses can't compare more than MAX_ATTEMPTS times.
    const attempts = await store.hincrby(key, 'attempts', 1);
    const stored = await store.hget(key, 'hmac');
    if (stored === null) {
      // Expired or used between the two reads; HINCRBY may just have re-created a TTL-less hash.
      if ((await store.pttl(key)) === -1) await store.del([key]);
      return { ok: false, error: 'expired' };
    }
    if (attempts > OTP_MAX_ATTEMPTS) {
      await store.del([key]);
      return { ok: false, error: 'too-many-attempts' };
    }
    const matches = CODE_PATTERN.test(code) && sameDigest(hmacOf(phone, code, options.secret), stored);
    if (!matches) {
      if (attempts >= OTP_MAX_ATTEMPTS) {
        await store.del([key]);
        return { ok: false, error: 'too-many-attempts' };
      }
      return { ok: false, error: 'invalid', attemptsLeft: OTP_MAX_ATTEMPTS - attempts };
    }
    // Single use: only the caller whose HDEL removes the field signs in.
    if ((await store.hdel(key, ['hmac'])) !== 1) return { ok: false, error: 'expired' };
    await store.del([key]);
    return { ok: true };
  } catch {
    return { ok: false, error: 'unavailable' };
  }
}
