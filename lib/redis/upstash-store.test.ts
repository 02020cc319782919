import http from 'node:http';
import net from 'node:net';

import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IN_CI, missing, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@/tests/support/services';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge';

import type { RedisStore } from './types';
import { createUpstashStore } from './upstash-store';

/**
 * What only the Upstash driver has to get right: bounded waits on an endpoint that is down or hung, and
 * raw string values. The shared semantics live in the contract suite (tests/contract).
 */

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  let error: unknown;
  await work().catch((caught: unknown) => {
    error = caught;
  });
  return { ms: performance.now() - started, error };
}

describe('upstash store against an HTTP server that never answers', () => {
  let server: http.Server;
  let store: RedisStore;
  let requests = 0;

  beforeAll(async () => {
    server = http.createServer(() => {
      requests++; // …and never respond.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    store = createUpstashStore({ url: `http://127.0.0.1:${port}`, token: 't', commandTimeoutMs: 100 });
  });
  afterAll(async () => {
    await store.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('rejects with a timeout error after roughly the budget, without retrying', async () => {
    const before = requests;
    const { ms, error } = await elapsed(() => store.get('k'));
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(ms).toBeGreaterThanOrEqual(90);
    // Generous for a loaded CI box; the point is "about the budget", not the SDK's 5 s or a hang.
    expect(ms).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests - before).toBeLessThanOrEqual(1);
  });

  it('times out concurrent commands together (one auto-pipelined request)', async () => {
    const { ms } = await elapsed(() => Promise.all([store.get('a'), store.get('b'), store.incr('c')]));
    expect(ms).toBeLessThan(1_000);
    const results = await Promise.allSettled([store.hgetall('h'), store.scan('0')]);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
  });

  it('closes at once and refuses commands afterwards', async () => {
    const pending = store.get('k').catch(() => {});
    expect((await elapsed(() => store.close())).ms).toBeLessThan(1_000);
    await pending;
    await expect(store.get('k')).rejects.toThrow(/closed/);
  });
});

describe('upstash store against a port with nothing listening', () => {
  it('fails fast, well inside the budget', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const store = createUpstashStore({ url: `http://127.0.0.1:${port}`, token: 't', commandTimeoutMs: 3_000 });
    const { ms, error } = await elapsed(() => store.ping());
    expect(ms).toBeLessThan(1_500);
    expect((error as Error).message).toMatch(/ECONNREFUSED|fetch failed/);
    await store.close();
  });
});

const available = await redisAvailable();

describe.skipIf(!available && !IN_CI)(`upstash store through the bridge${available ? '' : ` (skipped: ${missing('Redis')})`}`, () => {
  const prefix = uniquePrefix('upstash-store');
  let bridge: UpstashBridge;
  let store: RedisStore;

  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, token: 'store-test' });
    store = createUpstashStore({ url: bridge.url, token: bridge.token, commandTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await store.close();
    const cleaner = createClient({ url: TEST_REDIS_URL, RESP: 2 });
    await cleaner.connect();
    for await (const batch of cleaner.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
      if (batch.length > 0) await cleaner.del(batch);
    }
    await cleaner.close();
    await bridge.close();
  });

  it('keeps values as raw strings, never JSON-parsed', async () => {
    await store.set(`${prefix}num`, '123');
    await store.set(`${prefix}json`, '{"a":1}');
    await store.set(`${prefix}ok`, 'OK');
    expect(await store.mget([`${prefix}num`, `${prefix}json`, `${prefix}ok`, `${prefix}none`])).toEqual(['123', '{"a":1}', 'OK', null]);
    expect(await store.get(`${prefix}num`)).toBe('123');
    expect(await store.get(`${prefix}json`)).toBe('{"a":1}');
    await store.hset(`${prefix}h`, { n: '7', j: '[1]' });
    expect(await store.hgetall(`${prefix}h`)).toEqual({ n: '7', j: '[1]' });
    expect(await store.smembers(`${prefix}none`)).toEqual([]);
  });

  it("surfaces Redis's own error text, without the SDK's decoration", async () => {
    await expect(store.lpush(`${prefix}num`, ['a'])).rejects.toThrow(/^WRONGTYPE Operation against a key holding the wrong kind of value$/);
    await expect(store.incr(`${prefix}json`)).rejects.toThrow(/^ERR value is not an integer or out of range$/);
    await expect(store.rename(`${prefix}missing`, `${prefix}other`)).rejects.toThrow(/^ERR no such key$/);
    await expect(store.set(`${prefix}x`, 'v', { nx: true, xx: true })).rejects.toThrow('ERR syntax error');
  });

  it('maps replies to the interface types', async () => {
    expect(await store.set(`${prefix}nx`, 'a', { nx: true, px: 60_000 })).toBe(true);
    expect(await store.set(`${prefix}nx`, 'b', { nx: true })).toBe(false);
    expect(await store.set(`${prefix}xx`, 'b', { xx: true })).toBe(false);
    expect(await store.pexpire(`${prefix}absent`, 1_000)).toBe(false);
    expect(await store.pexpire(`${prefix}nx`, 60_000)).toBe(true);
    expect(await store.type(`${prefix}h`)).toBe('hash');
    expect(await store.hgetall(`${prefix}absent`)).toEqual({});
    expect(await store.lmove(`${prefix}absent`, `${prefix}dst`, 'LEFT', 'RIGHT')).toBeNull();
    await store.rpush(`${prefix}l`, ['1', '2']);
    expect(await store.lmove(`${prefix}l`, `${prefix}l2`, 'RIGHT', 'LEFT')).toBe('2');
    await store.zadd(`${prefix}z`, [
      { member: 'a', score: 1.5 },
      { member: 'b', score: Infinity },
    ]);
    expect(await store.zincrby(`${prefix}z`, 2, 'a')).toBe(3.5);
    expect(await store.zscore(`${prefix}z`, 'b')).toBe(Infinity);
    expect(await store.zrange(`${prefix}z`, 0, -1, { rev: true })).toEqual([
      { member: 'b', score: Infinity },
      { member: 'a', score: 3.5 },
    ]);
    const step = await store.scan('0', { match: `${prefix}*`, count: 1_000 });
    expect(typeof step.cursor).toBe('string');
    expect(await store.sismember(`${prefix}none`, 'x')).toBe(false);
  });
});
