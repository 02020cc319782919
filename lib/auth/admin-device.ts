import 'server-only';

import { deviceCookieCodec, type Device } from '@/lib/security/device-cookie';

/**
 * A browser that signed in as an admin before, as OWASP's device cookies recommend against lockout
 * attacks (lib/security/device-cookie.ts; its known accounts are admin emails). Failed sign-ins with
 * a valid device cookie for that email count against that device alone, so guesses from anywhere
 * else can't lock the real admin out of their own browser
 * (docs/decisions/013-admin-lockout-and-revocation.md).
 */

export type AdminDevice = Device;

const codec = deviceCookieCodec('admin-device', 'thali_admin_device');

export const adminDeviceCookie = codec.cookie;
export const newAdminDevice = codec.fresh;
export const encodeAdminDevice = codec.encode;
export const decodeAdminDevice = codec.decode;
export const knowsAdmin = codec.knows;
export const rememberAdmin = codec.remember;
