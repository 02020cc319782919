import { createHash } from 'node:crypto';

import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { redisServerInstalled, startOwnRedis, type OwnRedis } from '@/tests/support/redis-server';
import { IN_CI } from '@/tests/support/services';

import { createScriptAdapter, createTcpScriptRedis, type TcpScriptRedis } from './tcp-adapter';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('createScriptAdapter (recorded commands)', () => {
  it('rewrites EVALSHA to the stripped script’s SHA once EVAL has run it, and stringifies arguments', async () => {
    const sent: string[][] = [];
    const adapter = createScriptAdapter(async (args) => {
      sent.push(args);
      return 1;
    });
    const script = '#!lua flags=allow-key-locking\nreturn 1';
    await adapter.evalsha(sha1(script), ['k'], [5, null]);
    await adapter.eval(script, ['k'], [5, null]);
    await adapter.evalsha(sha1(script), ['k'], [5, null]);
    expect(sent).toEqual([
      ['EVALSHA', sha1(script), '1', 'k', '5', ''],
      ['EVAL', '\nreturn 1', '1', 'k', '5', ''],
      ['EVALSHA', sha1('\nreturn 1'), '1', 'k', '5', ''],
    ]);
  });
});

const installed = redisServerInstalled();

describe.skipIf(!installed && !IN_CI)(`TCP adapter on an own redis-server${installed ? '' : ' (skipped: redis-server not installed)'}`, () => {
  let server: OwnRedis;
  let admin: ReturnType<typeof createClient>;
  let adapter: TcpScriptRedis;

  const calls = async (command: 'evalsha' | 'eval'): Promise<number> => {
    const info = await admin.info('commandstats');
    return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  };

  const limiter = (limit: number) =>
    new Ratelimit({
      redis: adapter as unknown as Redis,
      limiter: Ratelimit.slidingWindow(limit, '60 s'),
      prefix: 'rl:test',
      ephemeralCache: false,
      timeout: 5_000,
      analytics: false,
    });

  beforeAll(async () => {
    server = await startOwnRedis();
    admin = createClient({ url: server.url });
    admin.on('error', () => {}); // The server is stopped on purpose below.
    await admin.connect();
    adapter = createTcpScriptRedis(server.url);
  });
  afterAll(async () => {
    await adapter?.close();
    await admin?.close();
    await server?.stop();
  });

  it('runs the library’s scripts on Redis 7 and limits', async () => {
    const ratelimit = limiter(3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await ratelimit.limit('{a}'));
    expect(results.map((r) => [r.success, r.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
  });

  it('costs one round trip (one EVALSHA) per limit once the script is loaded', async () => {
    const ratelimit = limiter(100);
    await ratelimit.limit('{warm}');
    const [shaBefore, evalBefore] = [await calls('evalsha'), await calls('eval')];
    for (let i = 0; i < 20; i++) await ratelimit.limit(`{b${i}}`);
    expect((await calls('evalsha')) - shaBefore).toBe(20);
    expect((await calls('eval')) - evalBefore).toBe(0);
  });

  it('falls back to EVAL on NOSCRIPT (script cache flushed, fresh adapter) and maps the SHA again', async () => {
    const ratelimit = limiter(100);
    await admin.sendCommand(['SCRIPT', 'FLUSH']); // Our own server: this touches no one else.
    const [shaBefore, evalBefore] = [await calls('evalsha'), await calls('eval')];
    expect((await ratelimit.limit('{c}')).success).toBe(true);
    expect([(await calls('evalsha')) - shaBefore, (await calls('eval')) - evalBefore]).toEqual([1, 1]);
    await ratelimit.limit('{c}');
    expect([(await calls('evalsha')) - shaBefore, (await calls('eval')) - evalBefore]).toEqual([2, 1]);

    // A new process knows no mapping yet: one NOSCRIPT with the original SHA, then EVAL, then one trip each.
    const fresh = createTcpScriptRedis(server.url);
    try {
      const other = new Ratelimit({ redis: fresh as unknown as Redis, limiter: Ratelimit.slidingWindow(100, '60 s'), prefix: 'rl:test', ephemeralCache: false, timeout: 5_000 });
      await other.limit('{d}');
      await other.limit('{d}');
      expect([(await calls('evalsha')) - shaBefore, (await calls('eval')) - evalBefore]).toEqual([4, 2]);
    } finally {
      await fresh.close();
    }
  });

  it('arms no timer of node-redis per command: the stall timer in send() bounds each one', async () => {
    await adapter.eval('return 1', [], []);
    const timeouts = vi.spyOn(AbortSignal, 'timeout');
    try {
      for (let i = 0; i < 5; i++) expect(await adapter.evalsha(sha1('return 1'), [], [])).toBe(1);
      expect(timeouts).not.toHaveBeenCalled();
    } finally {
      timeouts.mockRestore();
    }
  });

  it('fails fast, without queueing, while Redis is down, and recovers by itself', async () => {
    await server.stop();
    const started = performance.now();
    await expect(adapter.evalsha('0'.repeat(40), [], [])).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(500);
    await server.start();
    await expect.poll(async () => (await limiter(10).limit('{e}').catch(() => null))?.success, { timeout: 10_000 }).toBe(true);
  });
});
