import { describe, expect, it } from 'vitest';

import { deviceCookieCodec } from './device-cookie';
import { keyedDigest, sign, unsign } from './signed';

const SECRET = 'a-test-otp-secret-of-at-least-32-characters';
const OTHER = 'another-test-otp-secret-of-32-characters!!';

describe('signed values', () => {
  it('verify only what this key signed, for this purpose', () => {
    const token = sign('visitor', 'abc', SECRET);
    expect(token).toMatch(/^abc\.[A-Za-z0-9_-]{22}$/);
    expect(unsign('visitor', token, SECRET)).toBe('abc');
    expect(unsign('visitor', token.replace(/^abc/, 'abd'), SECRET)).toBeNull();
    expect(unsign('visitor', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, SECRET)).toBeNull();
    expect(unsign('customer-device', token, SECRET)).toBeNull();
    expect(unsign('visitor', token, OTHER)).toBeNull();
    for (const bad of [undefined, '', '.', 'abc', '.abc', 'x'.repeat(5_000)]) expect(unsign('visitor', bad, SECRET)).toBeNull();
    expect(() => sign('visitor', 'a.b', SECRET)).toThrow();
  });

  it('digest accounts per purpose and key, never in clear', () => {
    const digest = keyedDigest('customer-device', '919876543210', SECRET);
    expect(digest).not.toContain('9876543210');
    expect(digest).not.toBe(keyedDigest('admin-device', '919876543210', SECRET));
    expect(digest).not.toBe(keyedDigest('customer-device', '919876543210', OTHER));
  });
});

describe('device cookies', () => {
  const codec = deviceCookieCodec('customer-device', 'thali_device');
  it('remember at most five accounts, newest first, and refuse a list that was edited', () => {
    let device = codec.fresh();
    for (const phone of ['1', '2', '3', '4', '5', '6', '2']) device = codec.remember(device, phone);
    expect(device.known).toHaveLength(5);
    expect(codec.knows(device, '2')).toBe(true);
    expect(codec.knows(device, '1')).toBe(false);
    const value = codec.encode(device);
    expect(codec.decode(value)).toEqual(device);
    const [payload, mac] = [value.slice(0, value.lastIndexOf('.')), value.slice(value.lastIndexOf('.') + 1)];
    expect(codec.decode(`${payload},${codec.digest('7')}.${mac}`)).toBeNull();
    expect(deviceCookieCodec('admin-device', 'thali_admin_device').decode(value)).toBeNull();
  });
});
