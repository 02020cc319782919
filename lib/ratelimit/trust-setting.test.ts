import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import { parseEnv, trustedProxies } from '@/lib/env';

import { parseTrustedProxies, scrubForwarding } from '@/scripts/trusted-proxies.mjs';

import { clientIdentity } from './client-identity';

const parseForServer = parseTrustedProxies;

describe('TRUSTED_PROXIES: lib/env.ts and scripts/serve.mjs agree', () => {
  const cases: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    [undefined, '1'],
    ['none', '1'],
    [' vercel ', undefined],
    ['1', undefined],
    ['3', undefined],
  ];
  for (const [value, vercel] of cases) {
    it(`TRUSTED_PROXIES=${JSON.stringify(value)} VERCEL=${JSON.stringify(vercel)}`, () => {
      const env = parseEnv({
        TRUSTED_PROXIES: value,
        VERCEL: vercel,
        // VERCEL demands real backends; they don't matter here.
        DATABASE_URL: 'postgres://u@h/db',
        REDIS_URL: 'redis://h:6379',
      });
      expect(parseForServer(value, vercel)).toBe(trustedProxies(env));
    });
  }

  for (const bad of ['0', '10', 'all', '-1', 'true']) {
    it(`both refuse ${bad}`, () => {
      expect(() => parseEnv({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
      expect(() => parseForServer(bad, undefined)).toThrow(/TRUSTED_PROXIES/);
    });
  }
});

describe('scrubForwarding (the custom server’s rewrite) with clientIdentity', () => {
  async function identityThrough(trust: 'none' | 'vercel' | number, headers: Record<string, string>, localAddress?: string) {
    const server = http.createServer((request, response) => {
      scrubForwarding(request, trust);
      const seen = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') seen.set(name, value);
      response.end(JSON.stringify({ identity: clientIdentity(seen, trust), forwarded: request.headers['x-forwarded-for'] ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await new Promise<{ identity: string; forwarded: string | null }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, headers, localAddress }, (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve(JSON.parse(body) as { identity: string; forwarded: string | null }));
          })
          .on('error', reject);
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('none: a client-sent X-Forwarded-For, X-Real-IP or Forwarded never becomes the identity', async () => {
    const spoofed = { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '7.7.7.7', forwarded: 'for=8.8.8.8' };
    expect(await identityThrough('none', spoofed, '127.0.0.9')).toEqual({ identity: '127.0.0.9', forwarded: '127.0.0.9' });
  });

  it('with a trusted proxy the headers pass untouched', async () => {
    expect(await identityThrough(1, { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' })).toEqual({
      identity: '203.0.113.7',
      forwarded: '6.6.6.6, 203.0.113.7',
    });
  });
});
