import { createHash } from 'node:crypto';

import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IN_CI, missing, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@/tests/support/services';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge';

/**
 * The bridge speaks the Upstash REST protocol over the real Redis: checked with raw fetch (the wire
 * format itself) and with the real @upstash/redis and @upstash/ratelimit clients.
 */
const available = await redisAvailable();
const TOKEN = 'bridge-test-token';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe.skipIf(!available && !IN_CI)(`upstash bridge${available ? '' : ` (skipped: ${missing('Redis')})`}`, () => {
  const prefix = uniquePrefix('upstash-bridge');
  let bridge: UpstashBridge;
  let direct: ReturnType<typeof createClient>;

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${bridge.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  const client = (options: { responseEncoding?: false } = {}) =>
    new Redis({
      url: bridge.url,
      token: TOKEN,
      retry: false,
      enableTelemetry: false,
      automaticDeserialization: false,
      ...options,
    });

  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, token: TOKEN });
    direct = createClient({ url: TEST_REDIS_URL });
    await direct.connect();
  });
  afterAll(async () => {
    for await (const batch of direct.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
      if (batch.length > 0) await direct.del(batch);
    }
    await direct.close();
    await bridge.close();
  });

  describe('over raw HTTP', () => {
    it('answers 401 with a JSON error on a wrong or missing token', async () => {
      const wrong = await post('/', ['PING'], { Authorization: 'Bearer nope' });
      expect(wrong).toMatchObject({ status: 401, body: { error: expect.any(String) } });
      const response = await fetch(bridge.url, { method: 'POST', body: '["PING"]' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    });

    it('answers 400 on a malformed body and on a Redis error', async () => {
      expect((await post('/', '["PING"')).status).toBe(400);
      await direct.set(`${prefix}s`, 'text');
      const failed = await post('/', ['LPUSH', `${prefix}s`, 'x']);
      expect(failed.status).toBe(400);
      expect(failed.body).toEqual({ error: expect.stringMatching(/^WRONGTYPE /) });
    });

    it('turns numbers and booleans into string arguments', async () => {
      expect((await post('/', ['SET', `${prefix}n`, 42, 'PX', 60_000])).body).toEqual({ result: 'OK' });
      expect((await post('/', ['INCRBY', `${prefix}n`, 8])).body).toEqual({ result: 50 });
      expect((await post('/', ['SET', `${prefix}b`, true])).status).toBe(200);
      expect(await direct.get(`${prefix}b`)).toBe('true');
    });

    it('keeps per-command errors in place in a pipeline', async () => {
      await direct.set(`${prefix}p`, 'word');
      const { status, body } = await post('/pipeline', [
        ['SET', `${prefix}p2`, '1'],
        ['INCR', `${prefix}p`],
        ['GET', `${prefix}p`],
        ['NOSUCHCOMMAND'],
        ['INCR', `${prefix}p2`],
      ]);
      expect(status).toBe(200);
      expect(body).toEqual([
        { result: 'OK' },
        { error: 'ERR value is not an integer or out of range' },
        { result: 'word' },
        { error: expect.stringMatching(/^ERR unknown command/) },
        { result: 2 },
      ]);
    });

    it('runs /multi-exec as one MULTI/EXEC transaction', async () => {
      const key = `${prefix}tx`;
      // A queue-time error discards the whole transaction: nothing before it is applied.
      const aborted = await post('/multi-exec', [['SET', key, '1'], ['NOSUCHCOMMAND']]);
      expect(aborted.status).toBe(400);
      expect(await direct.exists(key)).toBe(0);

      // Runtime errors stay in place while the rest applies, as Redis does.
      await direct.set(`${prefix}tx-word`, 'word');
      const mixed = await post('/multi-exec', [['SET', key, '1'], ['INCR', `${prefix}tx-word`], ['INCR', key]]);
      expect(mixed.body).toEqual([{ result: 'OK' }, { error: expect.stringMatching(/^ERR value is not an integer/) }, { result: 2 }]);

      // No other client's write lands between two commands of one transaction.
      let hammering = true;
      const hammer = (async () => {
        while (hammering) await direct.incr(key);
      })();
      const pairs = await Promise.all(Array.from({ length: 50 }, () => post('/multi-exec', [['INCR', key], ['INCR', key]])));
      hammering = false;
      await hammer;
      for (const { body } of pairs) {
        const [first, second] = body as [{ result: number }, { result: number }];
        expect(second.result).toBe(first.result + 1);
      }
    });

    it('base64-encodes strings recursively, keeps integers and nil, and leaves a top-level OK alone', async () => {
      const encoded = { 'Upstash-Encoding': 'base64' };
      expect((await post('/', ['SET', `${prefix}e`, 'héllo'], encoded)).body).toEqual({ result: 'OK' });
      expect((await post('/', ['GET', `${prefix}e`], encoded)).body).toEqual({ result: b64('héllo') });
      const nested = await post('/', ['EVAL', "return {1, 'a', {'b', {2, 'OK'}}, false, 'OK'}", 0], encoded);
      expect(nested.body).toEqual({ result: [1, b64('a'), [b64('b'), [2, b64('OK')]], null, b64('OK')] });
      expect((await post('/', ['PING'], encoded)).body).toEqual({ result: b64('PONG') });
      const errors = await post('/pipeline', [['GET', `${prefix}e`], ['INCR', `${prefix}e`]], encoded);
      expect(errors.body).toEqual([{ result: b64('héllo') }, { error: 'ERR value is not an integer or out of range' }]);
    });

    it('echoes upstash-sync-token', async () => {
      const { headers } = await post('/', ['PING'], { 'upstash-sync-token': 'abc123' });
      expect(headers.get('upstash-sync-token')).toBe('abc123');
    });

    it('strips the allow-key-locking shebang on EVAL and maps the SHA for EVALSHA and SCRIPT LOAD', async () => {
      const script = `#!lua flags=allow-key-locking\nreturn ARGV[1] .. '${prefix}'`;
      expect((await post('/', ['EVALSHA', sha1(script), 0, 'x'])).body).toEqual({ error: expect.stringMatching(/^NOSCRIPT/) });
      expect((await post('/', ['EVAL', script, 0, 'x'])).body).toEqual({ result: `x${prefix}` });
      expect((await post('/', ['EVALSHA', sha1(script), 0, 'y'])).body).toEqual({ result: `y${prefix}` });

      const loaded = `#!lua flags=allow-key-locking,no-writes\nreturn 'loaded ${prefix}'`;
      expect((await post('/', ['SCRIPT', 'LOAD', loaded])).body).toEqual({ result: sha1(loaded) });
      expect((await post('/', ['EVALSHA', sha1(loaded), 0])).body).toEqual({ result: `loaded ${prefix}` });
    });
  });

  describe('through @upstash/redis', () => {
    it('round-trips raw strings, structures and scores', async () => {
      const redis = client();
      await redis.set(`${prefix}num`, '123');
      await redis.set(`${prefix}json`, '{"a":1}');
      await redis.set(`${prefix}ok`, 'OK');
      const [num, json, ok, missingKey] = await Promise.all([
        redis.get(`${prefix}num`),
        redis.get(`${prefix}json`),
        redis.get(`${prefix}ok`),
        redis.get(`${prefix}none`),
      ]);
      expect([num, json, ok, missingKey]).toEqual(['123', '{"a":1}', 'OK', null]);

      await redis.hset(`${prefix}h`, { f: '1', g: 'two' });
      expect(await redis.hgetall(`${prefix}h`)).toEqual(['f', '1', 'g', 'two']);
      await redis.zadd(`${prefix}z`, { score: 1.5, member: 'a' }, { score: 2, member: 'b' });
      expect(await redis.zrange(`${prefix}z`, 0, -1, { rev: true, withScores: true })).toEqual(['b', '2', 'a', '1.5']);
      const [cursor, keys] = await redis.scan('0', { match: `${prefix}z`, count: 1_000 });
      expect(typeof cursor).toBe('string');
      expect(Array.isArray(keys)).toBe(true);
    });

    it('works with encoding off, in pipelines and in transactions', async () => {
      const plain = client({ responseEncoding: false });
      expect(await plain.get(`${prefix}num`)).toBe('123');

      const redis = client();
      const pipeline = redis.pipeline();
      pipeline.set(`${prefix}pl`, 'v');
      pipeline.get(`${prefix}pl`);
      expect(await pipeline.exec()).toEqual(['OK', 'v']);

      const tx = redis.multi();
      tx.incr(`${prefix}cnt`);
      tx.incr(`${prefix}cnt`);
      expect(await tx.exec()).toEqual([1, 2]);

      await expect(redis.incr(`${prefix}pl`)).rejects.toThrow('ERR value is not an integer or out of range');
    });
  });

  describe('under @upstash/ratelimit', () => {
    const cases = [
      ['slidingWindow', Ratelimit.slidingWindow(3, '30 s')],
      ['fixedWindow', Ratelimit.fixedWindow(3, '30 s')],
      ['tokenBucket', Ratelimit.tokenBucket(1, '30 s', 3)],
    ] as const;

    for (const [name, limiter] of cases) {
      it(`${name}: allows the limit, then blocks`, async () => {
        const ratelimit = new Ratelimit({
          redis: client(),
          limiter,
          prefix: `${prefix}rl-${name}`,
          // Every answer must come from Redis, not the in-memory block cache, and never from fail-open.
          ephemeralCache: false,
          timeout: 10_000,
          analytics: false,
        });
        const results = [];
        for (let i = 0; i < 5; i++) results.push(await ratelimit.limit('visitor'));
        expect(results.map((result) => result.success)).toEqual([true, true, true, false, false]);
        expect(results.map((result) => result.remaining)).toEqual([2, 1, 0, 0, 0]);
        expect(results.every((result) => result.reason === undefined)).toBe(true);
        // Another identifier has its own budget.
        expect((await ratelimit.limit('someone-else')).success).toBe(true);
      });
    }
  });
});
