import { describe, expect, it } from 'vitest';

import { addressBlock, clientIdentity, normalizeAddress, UNKNOWN_CLIENT } from './client-identity';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIdentity', () => {
  it('none: the one address scripts/serve.mjs put in X-Forwarded-For, nothing a client adds', () => {
    expect(clientIdentity(h({ 'x-forwarded-for': '203.0.113.7' }), 'none')).toBe('203.0.113.7');
    // Should a client-sent value ever get through (plain `next start`), only the rightmost counts.
    expect(clientIdentity(h({ 'x-forwarded-for': '1.1.1.1, 203.0.113.7' }), 'none')).toBe('203.0.113.7');
    expect(clientIdentity(h({ 'x-real-ip': '1.1.1.1' }), 'none')).toBe(UNKNOWN_CLIENT);
    expect(clientIdentity(h({}), 'none')).toBe(UNKNOWN_CLIENT);
  });

  it('vercel: the platform-written address', () => {
    expect(clientIdentity(h({ 'x-real-ip': '198.51.100.4', 'x-forwarded-for': '198.51.100.4' }), 'vercel')).toBe('198.51.100.4');
    expect(clientIdentity(h({ 'x-vercel-forwarded-for': '198.51.100.5' }), 'vercel')).toBe('198.51.100.5');
  });

  it('N trusted proxies: the Nth address from the right, whatever a client prepends', () => {
    const headers = h({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' });
    expect(clientIdentity(headers, 1)).toBe('10.0.0.2');
    expect(clientIdentity(headers, 2)).toBe('203.0.113.7');
    expect(clientIdentity(h({ 'x-forwarded-for': 'spoofed, 203.0.113.7' }), 1)).toBe('203.0.113.7');
    // Fewer entries than proxies: the leftmost.
    expect(clientIdentity(h({ 'x-forwarded-for': '203.0.113.7' }), 3)).toBe('203.0.113.7');
  });

  it('never uses something that is not an address', () => {
    expect(clientIdentity(h({ 'x-forwarded-for': 'evil{tag}' }), 'none')).toBe(UNKNOWN_CLIENT);
    expect(clientIdentity(h({ 'x-forwarded-for': 'unknown' }), 1)).toBe(UNKNOWN_CLIENT);
  });
});

describe('normalizeAddress', () => {
  it('strips ports, brackets and IPv4 mapping, and counts IPv6 per /64', () => {
    expect(normalizeAddress('203.0.113.7:4711')).toBe('203.0.113.7');
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('[2001:db8:1:2:3:4:5:6]:443')).toBe('2001:db8:1:2::/64');
    expect(normalizeAddress('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(normalizeAddress('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
    // IPv4-mapped in the other spellings a proxy may write: the IPv4 client, not one /64 shared by all.
    expect(normalizeAddress('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(normalizeAddress('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeAddress('[::FFFF:CB00:7107]:443')).toBe('203.0.113.7');
    expect(addressBlock(normalizeAddress('::ffff:cb00:7108')!)).toBe('203.0.113.0/24');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(normalizeAddress('not an ip')).toBeNull();
  });
});

describe('addressBlock', () => {
  it('is the /24 of an IPv4 address and the /48 of an IPv6 /64', () => {
    expect(addressBlock('203.0.113.7')).toBe('203.0.113.0/24');
    expect(addressBlock(normalizeAddress('2001:db8:aa:bb:1:2:3:4')!)).toBe('2001:db8:aa::/48');
    expect(addressBlock(normalizeAddress('2001:db8::1')!)).toBe('2001:db8:0::/48');
    expect(addressBlock(UNKNOWN_CLIENT)).toBe(UNKNOWN_CLIENT);
  });
});
