import net from 'node:net';

import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { IN_CI, missing, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@/tests/support/services';

import { createTcpStore } from './tcp-store';
import type { RedisStore } from './types';

/**
 * What only the TCP driver has to get right: bounded waits on a Redis that is down or hung, and a
 * close() that never hangs. The shared semantics live in the contract suite (tests/contract).
 */

/** Accepts TCP connections and never writes a byte: a hung Redis. Counts the connections it got. */
async function startBlackHole() {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (taken and released at once). */
async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `redis://127.0.0.1:${port}`;
}

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  let error: unknown;
  await work().catch((caught: unknown) => {
    error = caught;
  });
  return { ms: performance.now() - started, error };
}

describe('tcp store against a Redis that accepts connections and never answers', () => {
  let hole: Awaited<ReturnType<typeof startBlackHole>>;
  let store: RedisStore;

  beforeAll(async () => {
    hole = await startBlackHole();
    store = createTcpStore({ url: hole.url, commandTimeoutMs: 100 });
  });
  afterAll(async () => {
    await store.close();
    await hole.close();
  });

  it('rejects each command with a timeout error after roughly the budget', async () => {
    const { ms, error } = await elapsed(() => store.get('k'));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(ms).toBeGreaterThanOrEqual(90);
    // Generous for a loaded CI box; the point is "about the budget", not node-redis's 5 s or a hang.
    expect(ms).toBeLessThan(1_000);
  });

  it('times out concurrent commands together rather than one after another', async () => {
    const { ms } = await elapsed(() => Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.incr(`k${i}`))));
    expect(ms).toBeLessThan(1_000);
    const results = await Promise.allSettled([store.ping(), store.mget(['a', 'b'])]);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
  });

  it('replaces a connection whose replies never come', async () => {
    const before = hole.connections();
    await store.ping().catch(() => {});
    // The stall deadline is max(1 s, 10 × budget); after it the next command dials again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await store.ping().catch(() => {});
    expect(hole.connections()).toBeGreaterThan(before);
  });

  it('closes without hanging, and refuses commands afterwards', async () => {
    const pending = store.get('k').catch(() => {});
    const { ms } = await elapsed(() => store.close());
    expect(ms).toBeLessThan(1_000);
    await pending;
    await expect(store.get('k')).rejects.toThrow(/closed/);
  });
});

describe('tcp store against a port with nothing listening', () => {
  let store: RedisStore;
  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
  });

  it('fails fast, well inside the budget, and warns once per outage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    store = createTcpStore({ url: await refusedUrl(), commandTimeoutMs: 3_000 });
    const first = await elapsed(() => store.ping());
    expect(first.ms).toBeLessThan(1_500);
    expect((first.error as Error).message).toMatch(/unavailable/i);
    for (let i = 0; i < 10; i++) await expect(store.get('k')).rejects.toThrow(/unavailable|offline/i);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('closes without hanging whether or not a command was ever sent', async () => {
    store = createTcpStore({ url: await refusedUrl(), commandTimeoutMs: 100 });
    expect((await elapsed(() => store.close())).ms).toBeLessThan(500);
    store = createTcpStore({ url: await refusedUrl(), commandTimeoutMs: 100 });
    await store.ping().catch(() => {});
    expect((await elapsed(() => store.close())).ms).toBeLessThan(500);
  });
});

const available = await redisAvailable();

describe.skipIf(!available && !IN_CI)(`tcp store on the real Redis${available ? '' : ` (skipped: ${missing('Redis')})`}`, () => {
  const prefix = uniquePrefix('tcp-store');
  let store: RedisStore;

  beforeAll(() => {
    store = createTcpStore({ url: TEST_REDIS_URL, commandTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    const cleaner = createClient({ url: TEST_REDIS_URL, RESP: 2 });
    await cleaner.connect();
    for await (const batch of cleaner.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
      if (batch.length > 0) await cleaner.del(batch);
    }
    await cleaner.close();
    await store.close();
  });

  it('connects lazily and answers', async () => {
    expect(await store.ping()).toBe('PONG');
    expect(store.backend).toBe('tcp');
  });

  it("surfaces Redis's own error text", async () => {
    await store.set(`${prefix}str`, 'x');
    await expect(store.lpush(`${prefix}str`, ['a'])).rejects.toThrow(/^WRONGTYPE Operation against a key holding the wrong kind of value/);
    await expect(store.incr(`${prefix}str`)).rejects.toThrow('ERR value is not an integer or out of range');
    await expect(store.rename(`${prefix}missing`, `${prefix}other`)).rejects.toThrow('ERR no such key');
  });

  it('maps replies to the interface types', async () => {
    expect(await store.set(`${prefix}nx`, '123', { nx: true, px: 60_000 })).toBe(true);
    expect(await store.set(`${prefix}nx`, 'again', { nx: true })).toBe(false);
    expect(await store.get(`${prefix}nx`)).toBe('123');
    expect(await store.pexpire(`${prefix}absent`, 1_000)).toBe(false);
    expect(await store.type(`${prefix}nx`)).toBe('string');
    expect(await store.hgetall(`${prefix}absent`)).toEqual({});
    expect(await store.lmove(`${prefix}absent`, `${prefix}dst`, 'LEFT', 'RIGHT')).toBeNull();
    await store.zadd(`${prefix}z`, [
      { member: 'a', score: 1.5 },
      { member: 'b', score: -Infinity },
      { member: 'c', score: 3 },
    ]);
    expect(await store.zrange(`${prefix}z`, 0, -1, { rev: true })).toEqual([
      { member: 'c', score: 3 },
      { member: 'a', score: 1.5 },
      { member: 'b', score: -Infinity },
    ]);
    const step = await store.scan('0', { match: `${prefix}*`, count: 1_000 });
    expect(typeof step.cursor).toBe('string');
  });
});
