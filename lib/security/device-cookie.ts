import 'server-only';

import { randomBytes } from 'node:crypto';

import { getEnv, type Env } from '@/lib/env';

import { keyedDigest, sign, unsign, type SigningPurpose } from './signed';

/**
 * A device cookie, as OWASP describes them against guessing attacks: a signed cookie naming one
 * browser (a random id) and the accounts that signed in from it (keyed digests, never in clear).
 * The customer sign-in (lib/customers/device.ts) and the admin sign-in (lib/auth/admin-device.ts)
 * each have their own, with their own signing key.
 */

export interface Device {
  /** 128 random bits, base64url. */
  id: string;
  /** Keyed digests of the accounts that signed in from this browser, newest first. */
  known: string[];
}

/** Enough for a household's phones or a shared admin laptop; the oldest drops off. */
const MAX_KNOWN = 5;
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function deviceCookieCodec(purpose: Extract<SigningPurpose, 'customer-device' | 'admin-device'>, baseName: string) {
  const digest = (account: string) => keyedDigest(purpose, account);
  return {
    cookie(env: Env = getEnv()) {
      const secure = env.NODE_ENV === 'production';
      return {
        name: secure ? `__Host-${baseName}` : baseName,
        options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: YEAR_SECONDS } as const,
      };
    },
    fresh: (): Device => ({ id: randomBytes(16).toString('base64url'), known: [] }),
    digest,
    encode: (device: Device) => sign(purpose, `${device.id}:${device.known.join(',')}`),
    /** The device behind a cookie value, or null when there is none or this server did not sign it. */
    decode(value: string | undefined): Device | null {
      const payload = unsign(purpose, value);
      if (payload === null) return null;
      const [id, list = ''] = payload.split(':');
      if (!id || !TOKEN.test(id)) return null;
      const known = list === '' ? [] : list.split(',');
      return known.length <= MAX_KNOWN && known.every((entry) => TOKEN.test(entry)) ? { id, known } : null;
    },
    knows: (device: Device, account: string) => device.known.includes(digest(account)),
    /** The device after `account` signed in from it. */
    remember(device: Device, account: string): Device {
      const entry = digest(account);
      return { id: device.id, known: [entry, ...device.known.filter((other) => other !== entry)].slice(0, MAX_KNOWN) };
    },
  };
}
