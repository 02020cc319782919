import { SECOND, MINUTE, keyPrefix } from '@/lib/redis/keys';

/**
 * Sign-in code keys (lib/redis/keys.ts has the rules). Not cache. A code and its resend cooldown share
 * the phone number as a hash tag (one Cluster slot).
 */

/** A sign-in code lives this long (the hash below). */
export const OTP_TTL_MS = 3 * MINUTE;
/** No new code for one number within this long of the last one (SET NX PX). */
export const OTP_RESEND_COOLDOWN_MS = 30 * SECOND;

export const customerKeys = {
  /**
   * Hash `{ hmac, attempts }` of the pending code for one number (normalised, e.g. 919876543210) asked
   * for by one browser (its device id, lib/customers/device.ts): other browsers can't reach it.
   */
  otp: (phone: string, deviceId: string) => `${keyPrefix()}otp:{${phone}}:device:${deviceId}`,
  /** Present while that browser must wait before asking this number a new code (SET NX PX OTP_RESEND_COOLDOWN_MS). */
  otpCooldown: (phone: string, deviceId: string) => `${keyPrefix()}otp:{${phone}}:cooldown:${deviceId}`,
} as const;
