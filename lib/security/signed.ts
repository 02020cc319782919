import 'server-only';

import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import { otpSecret } from '@/lib/env';

/**
 * Values the server hands a browser and must recognise later (cookies): `<value>.<mac>`, the MAC a
 * 128-bit HMAC-SHA256 under a key derived from OTP_SECRET with HKDF, one key per purpose, so a token
 * made for one purpose never verifies as another and no new secret is needed
 * (docs/decisions/011-sign-in-codes-bound-to-a-browser.md).
 */

export type SigningPurpose = 'customer-device' | 'admin-device' | 'visitor' | 'guest-cart';

const MAC_CHARS = 22;

/**
 * Derived once per purpose and secret: HKDF costs about 0.1 ms, and a request may check hundreds of
 * values (the demo outbox's digests: attack review, a page view cost 1,000 derivations).
 */
const derivedKeys = new Map<string, Buffer>();

export function signingKey(purpose: SigningPurpose, secret: string = otpSecret()): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'thali-signed-values', `thali:${purpose}:v1`, 32));
    // A handful of purposes and one secret per process; tests pass a few more. Never grows without bound.
    if (derivedKeys.size >= 64) derivedKeys.clear();
    derivedKeys.set(id, key);
  }
  return key;
}

function macOf(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, MAC_CHARS);
}

/** `value` (which must not contain a dot) with its MAC. */
export function sign(purpose: SigningPurpose, value: string, secret?: string): string {
  if (value.includes('.')) throw new Error('a signed value cannot contain "."');
  return `${value}.${macOf(signingKey(purpose, secret), value)}`;
}

/** The value a token was made from, or null when it is malformed, altered or made for another purpose. */
export function unsign(purpose: SigningPurpose, token: string | undefined, secret?: string): string | null {
  if (!token || token.length > 4_096) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(macOf(signingKey(purpose, secret), value));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

/** A keyed digest (128 bits, base64url) of something that must not appear in clear, e.g. a phone number in a cookie. */
export function keyedDigest(purpose: SigningPurpose, value: string, secret?: string): string {
  return macOf(signingKey(purpose, secret), `digest:${value}`);
}
