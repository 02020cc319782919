import 'server-only';

import { deviceCookieCodec, type Device } from '@/lib/security/device-cookie';

/**
 * A browser, as the customer sign-in knows it: a signed device cookie (lib/security/device-cookie.ts)
 * whose known accounts are the numbers that signed in from it
 * (docs/decisions/011-sign-in-codes-bound-to-a-browser.md).
 *
 * - The id binds each pending sign-in code to the browser that asked for it: codes are stored per
 *   (number, device), so guesses from any other browser neither count against a code nor can use it.
 * - A number this browser signed in with before has a code budget of its own here, so someone who
 *   spends that number's shared budget from elsewhere doesn't lock its owner out.
 * - With the demo outbox in production, the outbox shows this browser only its own codes and the
 *   texts to the numbers it signed in with.
 */

export type CustomerDevice = Device;

const codec = deviceCookieCodec('customer-device', 'thali_device');

export const deviceCookie = codec.cookie;
export const newDevice = codec.fresh;
export const encodeDevice = codec.encode;
export const decodeDevice = codec.decode;
export const knowsPhone = codec.knows;
export const withPhone = codec.remember;
