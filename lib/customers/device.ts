import 'server-only';

import { randomBytes } from 'node:crypto';

import { getEnv, type Env } from '@/lib/env';
import { keyedDigest, sign, unsign } from '@/lib/security/signed';

/**
 * A browser, as the customer sign-in knows it: a signed cookie holding a random device id and keyed
 * digests of the numbers that signed in from it (docs/decisions/011-sign-in-codes-bound-to-a-browser.md).
 *
 * - The id binds each pending sign-in code to the browser that asked for it: codes are stored per
 *   (number, device), so guesses from any other browser neither count against a code nor can use it.
 * - A number this browser signed in with before has a code budget of its own here, so someone who
 *   spends that number's shared budget from elsewhere doesn't lock its owner out.
 * - With the demo outbox in production, the outbox shows this browser only its own codes and the
 *   texts to the numbers it signed in with.
 */

export interface CustomerDevice {
  /** 128 random bits, base64url. */
  id: string;
  /** Keyed digests of numbers signed in from this browser, newest first. */
  phones: string[];
}

/** Enough for a family's phones; the oldest drops off. */
const MAX_PHONES = 5;
const ID = /^[A-Za-z0-9_-]{22}$/;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function deviceCookie(env: Env = getEnv()) {
  const secure = env.NODE_ENV === 'production';
  return {
    name: secure ? '__Host-thali_device' : 'thali_device',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: YEAR_SECONDS } as const,
  };
}

export function newDevice(): CustomerDevice {
  return { id: randomBytes(16).toString('base64url'), phones: [] };
}

export function phoneDigest(phone: string): string {
  return keyedDigest('customer-device', phone);
}

export function encodeDevice(device: CustomerDevice): string {
  return sign('customer-device', `${device.id}:${device.phones.join(',')}`);
}

/** The device behind a cookie value, or null when there is none or it is not one this server signed. */
export function decodeDevice(value: string | undefined): CustomerDevice | null {
  const payload = unsign('customer-device', value);
  if (payload === null) return null;
  const [id, phones = ''] = payload.split(':');
  if (!id || !ID.test(id)) return null;
  const digests = phones === '' ? [] : phones.split(',');
  if (digests.length > MAX_PHONES || !digests.every((digest) => ID.test(digest))) return null;
  return { id, phones: digests };
}

export function knowsPhone(device: CustomerDevice, phone: string): boolean {
  return device.phones.includes(phoneDigest(phone));
}

/** The device after `phone` signed in from it. */
export function withPhone(device: CustomerDevice, phone: string): CustomerDevice {
  const digest = phoneDigest(phone);
  return { id: device.id, phones: [digest, ...device.phones.filter((known) => known !== digest)].slice(0, MAX_PHONES) };
}
