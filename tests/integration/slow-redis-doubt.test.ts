import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { readThrough } from '@/lib/cache/read-through';
import { parseEnv } from '@/lib/env';
import { createRateLimitState, type RateLimitState } from '@/lib/ratelimit/state';
import { writesInDoubt } from '@/lib/redis/refused-writes';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { installBackends } from '../support/app-context';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from '../support/redis-server';
import { IN_CI, uniquePrefix } from '../support/services';

/**
 * Decision 049 keeps cached reads off a Redis that refuses writes, learning of it from a rate limit
 * that Redis did not take. A limit that merely answered late (a healthy Redis busy for a moment, a
 * starved redis-server on a busy machine: decision 020, tests/integration/faults-cpu.test.ts) sent
 * every read of the process to Postgres for 5 s. A redis-server of the test's own, busy for 300 ms
 * (a script) and then paused for writes: only the second keeps reads off it.
 */
const canRun = redisServerInstalled() || IN_CI;

/** Holds redis-server for `ms` in one script, reads only: every client waits, nothing is refused. */
const BUSY_SCRIPT = `local t = redis.call('TIME'); local s = t[1] * 1e6 + t[2]
while true do local n = redis.call('TIME'); if n[1] * 1e6 + n[2] - s > tonumber(ARGV[1]) * 1000 then return 1 end end`;

describe.skipIf(!canRun)('a rate limit Redis did not answer in time', () => {
  let own: OwnRedis;
  let store: RedisStore;
  let control: ReturnType<typeof createClient>;
  let limits: RateLimitState;
  const key = 'menu:v1:restaurant:{slow-redis}';
  const read = (value: string) => readThrough({ key, ttlMs: 60_000, load: async () => value });

  beforeAll(async () => {
    own = await startOwnRedis();
    store = createTcpStore({ url: own.url, commandTimeoutMs: 2_000 });
    const env = { REDIS_URL: own.url, REDIS_KEY_PREFIX: uniquePrefix('slow-redis-doubt'), REDIS_TIMEOUT_MS: '1000', RATE_LIMIT_TIMEOUT_MS: '100' };
    installBackends({ redis: store, database: {} as DatabaseHandle, env });
    limits = createRateLimitState(parseEnv({ NODE_ENV: 'test', ...env }));
    control = createClient({ url: own.url });
    await control.connect();
  });
  afterAll(async () => {
    await limits?.close();
    await control?.quit();
    await store?.close();
    await own?.stop();
  });

  async function warm() {
    singletons().redisWritesInDoubtUntil = undefined;
    expect((await limits.limiter.limit('page', '203.0.113.7')).source).toBe('redis');
    await read('v1');
    expect(await read('unused')).toMatchObject({ value: 'v1', cache: { status: 'HIT' } });
  }

  it('that answered late (Redis busy, taking writes) leaves cached reads on Redis', async () => {
    await warm();
    const busy = control.sendCommand(['EVAL', BUSY_SCRIPT, '0', '300']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await limits.limiter.limit('page', '203.0.113.7')).source).toBe('fallback');
    await busy;
    expect(writesInDoubt()).toBe(false);
    expect(await read('unused')).toMatchObject({ value: 'v1', cache: { status: 'HIT', degraded: false } });
  });

  it('that waits while reads are answered (CLIENT PAUSE WRITE) keeps cached reads off Redis', async () => {
    await warm();
    await control.sendCommand(['CLIENT', 'PAUSE', '1000', 'WRITE']);
    try {
      expect((await limits.limiter.limit('page', '203.0.113.7')).source).toBe('fallback');
      expect(writesInDoubt()).toBe(true);
      expect(await read('v2')).toMatchObject({ value: 'v2', cache: { status: 'MISS', degraded: true } });
    } finally {
      await control.sendCommand(['CLIENT', 'UNPAUSE']);
    }
  });

  it('that waits while nothing is answered (CLIENT PAUSE ALL) keeps cached reads off Redis after it answers again', async () => {
    // Fault review: a save on another instance during the pause had its invalidation dropped with its
    // connection (the stall deadline), so once Redis answered again this process served the old page
    // as a HIT until the saver's retry landed (1 of 240 requests, two instances).
    await warm();
    await control.sendCommand(['CLIENT', 'PAUSE', '1500', 'ALL']);
    expect((await limits.limiter.limit('page', '203.0.113.7')).source).toBe('fallback');
    // Redis answers again.
    for (let tries = 0; !(await store.ping().then(() => true, () => false)); tries += 1) expect(tries).toBeLessThan(50);
    expect(writesInDoubt()).toBe(true);
    expect(await read('v4')).toMatchObject({ value: 'v4', cache: { status: 'MISS', degraded: true } });
  });

  it('that waits while reads are answered keeps cached reads off Redis when this process is starved too', async () => {
    await warm();
    await control.sendCommand(['CLIENT', 'PAUSE', '3000', 'WRITE']);
    // A loaded machine: every timer of the limit's deadline fires late (decision 020's starved timeout).
    const busy = setInterval(() => {
      const end = performance.now() + 40;
      while (performance.now() < end) {
        // Spinning, as a render does.
      }
    }, 1);
    try {
      expect((await limits.limiter.limit('page', '203.0.113.7')).source).toBe('fallback');
    } finally {
      clearInterval(busy);
    }
    try {
      expect(writesInDoubt()).toBe(true);
      expect(await read('v3')).toMatchObject({ value: 'v3', cache: { status: 'MISS', degraded: true } });
    } finally {
      await control.sendCommand(['CLIENT', 'UNPAUSE']);
    }
  });
});
