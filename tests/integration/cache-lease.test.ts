import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { generationKey } from '@/lib/cache/keys';
import { leaseKey } from '@/lib/cache/lease';
import { readThrough } from '@/lib/cache/read-through';
import { processStats } from '@/lib/metrics/process-stats';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { handingOver } from '../support/store-overrides';
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from '../support/services';
import { startUpstashBridge, type UpstashBridge } from '@/lib/redis/upstash-bridge';

/**
 * Stampede control across instances: a cold entry read by 500 requests at once, spread over this
 * process and a real second one (tests/support/cache-instance.ts, its own Redis client and Postgres
 * pool), costs one Postgres query in total: one reader holds the entry's lease (SET NX PX) and loads,
 * the others wait and read what it stored. A holder that dies frees the lease when it expires.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

function urlOf(handle: DatabaseHandle): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = handle.description.slice(handle.description.indexOf('/'));
  return url.toString();
}

function startInstance(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/cache-instance.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const next = async () => {
    const line = await Promise.race([lines.next(), exited.then((code) => Promise.reject(new Error(`instance exited (${code}):\n${stderr}`)))]);
    return line.done ? '' : line.value;
  };
  return { next, go: () => child.stdin.end('go\n'), exited };
}

/** One Postgres query per load, slow enough that every reader arrives while it runs. */
function countingLoad(db: DatabaseHandle) {
  const counter = { loads: 0 };
  const load = async () => {
    counter.loads += 1;
    await db.db.execute(sql`select pg_sleep(0.1)`);
    return { loadedBy: 'test' };
  };
  return { counter, load };
}

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('cache lease'), () => {
    const backends = setUpBackends(pair, { label: 'lease', env: { REDIS_TIMEOUT_MS: '5000' } });
    let bridge: UpstashBridge | undefined;

    beforeAll(async () => {
      if (pair.driver.name === 'upstash') bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, token: 'lease-instance' });
    });
    afterAll(async () => {
      await bridge?.close();
    });

    it.skipIf(pair.driver.name === 'memory')('500 concurrent reads of one cold key over two instances run 1 Postgres query', async () => {
      const key = `${backends.prefix}menu:v2:restaurant:{stampede}`;
      const redisEnv: Record<string, string> =
        pair.driver.name === 'upstash' ? { UPSTASH_REDIS_REST_URL: bridge!.url, UPSTASH_REDIS_REST_TOKEN: bridge!.token } : { REDIS_URL: TEST_REDIS_URL };
      const child = startInstance([key, '250'], {
        NODE_ENV: 'test',
        DATABASE_URL: urlOf(backends.db),
        REDIS_KEY_PREFIX: backends.prefix,
        REDIS_TIMEOUT_MS: '5000',
        ...redisEnv,
      });
      expect(await child.next()).toBe('ready');
      const { counter, load } = countingLoad(backends.db);
      child.go();
      const [own, summary] = await Promise.all([
        Promise.all(Array.from({ length: 250 }, () => readThrough({ key, ttlMs: 60_000, load }))),
        child.next(),
      ]);
      expect(await child.exited).toBe(0);
      const other = JSON.parse(summary) as { loads: number; hits: number; misses: number };
      expect(counter.loads + other.loads).toBe(1);
      expect(own.every((result) => result.value !== null)).toBe(true);
      expect(own.length + other.hits + other.misses).toBe(500);
    });

    it('500 concurrent reads of one cold key in one instance run 1 Postgres query', async () => {
      const key = `${backends.prefix}menu:v2:restaurant:{one-instance}`;
      const { counter, load } = countingLoad(backends.db);
      const before = processStats().dbQueries;
      await Promise.all(Array.from({ length: 500 }, () => readThrough({ key, ttlMs: 60_000, load })));
      expect(counter.loads).toBe(1);
      expect(processStats().dbQueries - before).toBe(1);
    });

    it('a holder that died: another reader loads once its lease expires, and only one does', async () => {
      const key = `${backends.prefix}menu:v2:restaurant:{dead-holder}`;
      await backends.redis.set(leaseKey(key, null), 'dead', { px: 400 });
      const { counter, load } = countingLoad(backends.db);
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 20 }, () => readThrough({ key, ttlMs: 60_000, load })));
      expect(performance.now() - started).toBeGreaterThanOrEqual(380);
      expect(counter.loads).toBe(1);
      expect(results.every((result) => result.value?.loadedBy === 'test')).toBe(true);
    });

    it('a holder whose load outlived its lease leaves the next holder\'s lease alone', async () => {
      const key = `${backends.prefix}menu:v4:restaurant:{slow-holder}`;
      const lease = leaseKey(key, null);
      // Another instance took the lease over while this reader's load ran past CACHE_LEASE_MS.
      const result = await readThrough({
        key,
        ttlMs: 60_000,
        load: async () => {
          await backends.redis.set(lease, 'next holder', { px: 5_000 });
          return { loadedBy: 'slow' };
        },
      });
      expect(result.value).toEqual({ loadedBy: 'slow' });
      expect(await backends.redis.get(lease)).toBe('next holder');
    });

    it('a holder whose lease lapsed while it released it leaves the next holder\'s lease alone', async () => {
      const key = `${backends.prefix}menu:v4:restaurant:{lapsing-holder}`;
      const lease = leaseKey(key, null);
      let loaded = false;
      // The load is done and the lease is being given back when it lapses and another instance takes
      // it over: after a GET that still saw ours, or just before a compare-and-delete.
      const lapsing = handingOver(backends.redis, lease, {
        armed: () => loaded,
        takeOver: () => backends.redis.set(lease, 'next holder', { px: 5_000 }),
      });
      const result = await readThrough({
        key,
        ttlMs: 60_000,
        store: lapsing,
        load: async () => {
          loaded = true;
          return { loadedBy: 'lapsing' };
        },
      });
      expect(result.value).toEqual({ loadedBy: 'lapsing' });
      expect(await backends.redis.get(lease)).toBe('next holder');
    });

    it('a waiter serves what the holder stored, as a HIT', async () => {
      const key = `${backends.prefix}menu:v2:restaurant:{waiter}`;
      await backends.redis.set(leaseKey(key, null), 'other instance', { px: 5_000 });
      const waiting = readThrough({ key, ttlMs: 60_000, load: async () => ({ loadedBy: 'waiter' }) });
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The other instance stores its load (a generation and the entry), as loadAndStore does.
      await backends.redis.set(generationKey(key), 'holder-token');
      await backends.redis.set(key, JSON.stringify({ generation: 'holder-token', value: { loadedBy: 'holder' } }), { px: 60_000 });
      const result = await waiting;
      expect(result.value).toEqual({ loadedBy: 'holder' });
      expect(result.cache.status).toBe('HIT');
    });
  });
}
