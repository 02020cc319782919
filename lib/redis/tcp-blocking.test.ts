import net from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { IN_CI, missing, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@/tests/support/services';

import { createNodeRedisClient, type NodeRedisClient } from './node-redis-client';
import { MAX_BLOCKING_CONNECTIONS } from './tcp-blocking';
import { createTcpStore } from './tcp-store';
import type { RedisStore } from './types';

/**
 * What only the TCP driver's blocking calls have to get right: a wait longer than the command budget is
 * not cut short (nor is connecting for one), waits run on connections of their own that are reused and closed, and a wait on a
 * connection that stopped answering ends. BLMOVE's semantics live in the contract suite.
 */

// Records every client the driver builds, so a test can count connections and see them closed.
const built = vi.hoisted(() => [] as NodeRedisClient[]);
vi.mock('./node-redis-client', async (importOriginal) => {
  const original = await importOriginal<{ createNodeRedisClient: typeof createNodeRedisClient }>();
  return {
    createNodeRedisClient: (...args: Parameters<typeof createNodeRedisClient>) => {
      const client = original.createNodeRedisClient(...args);
      built.push(client);
      return client;
    },
  };
});

/** Answers every command with +OK except BLMOVE, which it never answers: a wait whose reply is lost. */
async function startSilentOnBlmove() {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk) => {
      // One RESP array per command; the commands here never carry "*<digits>\r\n" inside an argument.
      for (const command of chunk.toString('latin1').split(/\*\d+\r\n/).slice(1)) {
        if (!/BLMOVE/i.test(command)) socket.write('+OK\r\n');
      }
    });
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

afterEach(() => {
  built.length = 0;
});

describe('tcp blmove on a server that never answers it', () => {
  let server: Awaited<ReturnType<typeof startSilentOnBlmove>>;
  let store: RedisStore;

  beforeAll(async () => {
    server = await startSilentOnBlmove();
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives up after the wait plus the stall deadline, and retires that connection', async () => {
    // The stall deadline is max(1 s, 10 × the command budget).
    store = createTcpStore({ url: server.url, commandTimeoutMs: 100 });
    const started = performance.now();
    await expect(store.blmove!('src', 'dst', 'LEFT', 'RIGHT', 200)).rejects.toThrow(/no answer within 1200 ms/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_100);
    const before = server.connections();
    await expect(store.blmove!('src', 'dst', 'LEFT', 'RIGHT', 50)).rejects.toThrow(/no answer/);
    // The first connection still had an unanswered BLMOVE on it: the second call had to dial again.
    expect(server.connections()).toBe(before + 1);
  });

  it(`refuses more than ${MAX_BLOCKING_CONNECTIONS} concurrent waits, and close() ends them all`, async () => {
    store = createTcpStore({ url: server.url, commandTimeoutMs: 1_000 });
    const waits = Array.from({ length: MAX_BLOCKING_CONNECTIONS }, () =>
      store.blmove!('src', 'dst', 'LEFT', 'RIGHT', 60_000).then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    await expect(store.blmove!('src', 'dst', 'LEFT', 'RIGHT', 60_000)).rejects.toThrow(/already 32 blocking calls/);
    await store.close();
    expect(new Set(await Promise.all(waits))).toEqual(new Set(['Redis store is closed']));
  });
});

const available = await redisAvailable();

describe.skipIf(!available && !IN_CI)(`tcp blmove on the real Redis${available ? '' : ` (skipped: ${missing('Redis')})`}`, () => {
  const prefix = uniquePrefix('tcp-blocking');
  let store: RedisStore;

  afterEach(async () => {
    await store.close();
  });

  it('waits longer than the command budget without being cut short', async () => {
    store = createTcpStore({ url: TEST_REDIS_URL, commandTimeoutMs: 100 });
    const started = performance.now();
    expect(await store.blmove!(`${prefix}empty`, `${prefix}dst`, 'LEFT', 'RIGHT', 700)).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('opens one connection per concurrent wait, reuses idle ones, and closes them all', async () => {
    store = createTcpStore({ url: TEST_REDIS_URL, commandTimeoutMs: 2_000 });
    await store.ping();
    expect(built).toHaveLength(1); // the shared connection

    for (let round = 0; round < 3; round++) {
      expect(await store.blmove!(`${prefix}empty`, `${prefix}dst`, 'LEFT', 'RIGHT', 20)).toBeNull();
    }
    expect(built).toHaveLength(2); // one more, reused by each wait in turn

    const concurrent = Array.from({ length: 3 }, () => store.blmove!(`${prefix}empty`, `${prefix}dst`, 'LEFT', 'RIGHT', 200));
    expect(await Promise.all(concurrent)).toEqual([null, null, null]);
    expect(built).toHaveLength(4); // the idle one, plus two

    await store.close();
    expect(built.map((client) => client.isOpen)).toEqual([false, false, false, false]);
  });
});
