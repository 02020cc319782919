import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, auditLog, restaurants } from '@/db/schema';
import { countKeys, NotACacheKeyError, scanKeys, type KeyInfo, type ScanTarget } from '@/lib/admin/cache-inspect';
import { generationKey, keys } from '@/lib/cache/keys';
import { purgeKey, purgeNamespace, type Actor } from '@/lib/admin/cache-purge';
import { getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';

import { deleteKeysUnder, installBackends, keysUnder } from '../support/app-context';
import { createTestPglite } from '../support/databases';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * The admin's view of Redis (lib/admin/cache-inspect.ts) and its purges (lib/admin/cache-purge.ts), on every
 * driver: SCAN pages with type, TTL and size; private namespaces as counts only; purges that rotate
 * generations instead of deleting them, each one audited in Postgres.
 */

async function addAdmin(db: DatabaseHandle, email: string): Promise<Actor> {
  const [admin] = await db.db.insert(admins).values({ email, name: 'Inspector', passwordHash: 'unused' }).returning({ id: admins.id });
  return { adminId: admin!.id };
}

/** Every page of a listing, following the cursor to the end. */
async function allPages(target: ScanTarget, count: number): Promise<{ keys: KeyInfo[]; pages: number }> {
  const found: KeyInfo[] = [];
  let cursor = '0';
  let pages = 0;
  do {
    const page = await scanKeys({ ...target, cursor, count });
    if (!page.ok) throw new Error(`redis unavailable: ${page.reason}`);
    found.push(...page.keys);
    cursor = page.cursor;
    pages += 1;
  } while (cursor !== '0');
  return { keys: found, pages };
}

await describeEachDriver('cache inspection', (driver) => {
  const prefix = uniquePrefix(`inspect-${driver.name}`);
  let redis: RedisStore;
  let db: DatabaseHandle;
  let actor: Actor;
  let slugs: string[];

  beforeAll(async () => {
    redis = await driver.create();
    db = await createTestPglite();
    installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: prefix } });
    actor = await addAdmin(db, `inspect-${driver.name}@thali.test`);
    slugs = (await getCityRestaurants('pune')).value!.restaurants.slice(0, 12).map((restaurant) => restaurant.slug);
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    await redis.close();
    await db.close();
    await driver.cleanup();
  });

  const auditRows = () => db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId)).orderBy(desc(auditLog.id));

  it('lists a cache namespace’s keys with type, TTL and size, and nothing outside it', async () => {
    for (const slug of slugs.slice(0, 3)) await getRestaurantMenu(slug);
    await redis.set(`${prefix}session:0123abcd`, '{}', { px: 60_000 });
    await redis.set(`${prefix}zz:menu:v1:restaurant:{elsewhere}`, 'x', { px: 60_000 });

    const { keys: listed } = await allPages({ namespace: 'menu' }, 50);
    expect(listed.every((info) => info.key.startsWith(`${prefix}menu:`))).toBe(true);

    const entry = listed.find((info) => info.key === keys.restaurantMenu(slugs[0]!));
    expect(entry).toMatchObject({ type: 'string', role: 'entry', size: await redis.strlen(keys.restaurantMenu(slugs[0]!)) });
    expect(entry!.ttlMs).toBeGreaterThan(250_000);
    expect(entry!.ttlMs).toBeLessThanOrEqual(330_000);
    expect(listed.find((info) => info.key === generationKey(keys.restaurantMenu(slugs[0]!)))).toMatchObject({
      type: 'string',
      role: 'generation',
      ttlMs: null,
    });
    expect(listed.filter((info) => info.role === 'entry')).toHaveLength(3);
  });

  it('pages through a namespace with a cursor', async () => {
    for (const slug of slugs) await getRestaurantMenu(slug);
    const expected = (await keysUnder(redis, `${prefix}menu:`)).sort();
    const { keys: listed, pages } = await allPages({ namespace: 'menu' }, 5);
    expect([...new Set(listed.map((info) => info.key))].sort()).toEqual(expected);
    expect(expected).toHaveLength(24);
    expect(pages).toBeGreaterThan(1);
  });

  it('reports the size of hashes, lists, sets and sorted sets', async () => {
    const k = (name: string) => `${prefix}menu:test:${name}`;
    await redis.hset(k('hash'), { a: '1', b: '2' });
    await redis.rpush(k('list'), ['1', '2', '3']);
    await redis.sadd(k('set'), ['a', 'b', 'c', 'd']);
    await redis.zadd(k('zset'), [{ member: 'a', score: 1 }, { member: 'b', score: 2 }]);
    await redis.pexpire(k('hash'), 90_000);

    const { keys: listed } = await allPages({ pattern: `${prefix}menu:test:*` }, 50);
    expect(listed.map(({ key, type, size, role }) => ({ key, type, size, role }))).toEqual([
      { key: k('hash'), type: 'hash', size: 2, role: 'other' },
      { key: k('list'), type: 'list', size: 3, role: 'other' },
      { key: k('set'), type: 'set', size: 4, role: 'other' },
      { key: k('zset'), type: 'zset', size: 2, role: 'other' },
    ]);
    expect(listed[0]!.ttlMs).toBeGreaterThan(80_000);
    expect(listed[1]!.ttlMs).toBeNull();
  });

  it('filters by text inside the namespace, taking glob characters literally', async () => {
    const slug = slugs[0]!;
    const { keys: listed } = await allPages({ namespace: 'menu', contains: slug }, 50);
    expect(listed.map((info) => info.key).sort()).toEqual([keys.restaurantMenu(slug), generationKey(keys.restaurantMenu(slug))]);
    expect((await allPages({ namespace: 'menu', contains: '*' }, 50)).keys).toEqual([]);
  });

  it('refuses to list anything outside the cache namespaces', async () => {
    for (const pattern of [`${prefix}session:*`, '*', `${prefix}*`, `${prefix}men*`, `x${prefix}menu:*`]) {
      await expect(scanKeys({ pattern })).rejects.toThrow(NotACacheKeyError);
    }
    await expect(scanKeys({ namespace: 'session' as never })).rejects.toThrow(NotACacheKeyError);
    await expect(scanKeys({ namespace: 'menu', cursor: 'abc' })).rejects.toThrow(RangeError);
  });

  it('counts every namespace in one pass, private ones as numbers only', async () => {
    // Keys of its own under a prefix of its own, so the counts are this test's alone (they once
    // summed what earlier tests had left, and the test failed when run by itself).
    const own = `${prefix}counts:`;
    installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: own } });
    try {
      for (const slug of slugs) await getRestaurantMenu(slug);
      const secret = 'f00dcafe';
      await Promise.all([
        redis.hset(`${own}menu:test:hash`, { a: '1' }),
        redis.rpush(`${own}menu:test:list`, ['1']),
        redis.sadd(`${own}menu:test:set`, ['a']),
        redis.zadd(`${own}menu:test:zset`, [{ member: 'a', score: 1 }]),
        redis.set(`${own}session:0123abcd`, '{}', { px: 60_000 }),
        redis.set(`${own}session:${secret}1`, '{}', { px: 60_000 }),
        redis.set(`${own}session:${secret}2`, '{}', { px: 60_000 }),
        redis.set(`${own}rl:login:${secret}`, '1', { px: 60_000 }),
        redis.rpush(`${own}queue:v1:jobs`, ['a']),
        redis.set(`${own}page:v1:build:{/mumbai}:id`, 'x', { px: 60_000 }),
        redis.set(`${own}zz:menu:v1:restaurant:{elsewhere}`, 'x', { px: 60_000 }),
      ]);
      const all = await keysUnder(redis, own);
      const counts = await countKeys();
      if (!counts.ok) throw new Error('redis unavailable');

      expect(counts.complete).toBe(true);
      const menu = counts.cache.find((row) => row.namespace === 'menu')!;
      const menuKeys = all.filter((key) => key.startsWith(`${own}menu:`));
      expect(menu.generations).toBe(menuKeys.filter((key) => key.endsWith(':gen')).length);
      expect(menu.entries).toBe(12);
      expect(menu.other).toBe(4);
      expect(counts.private.find((row) => row.namespace === 'session')?.keys).toBe(3);
      expect(counts.private.find((row) => row.namespace === 'rl')?.keys).toBe(1);
      expect(counts.private.find((row) => row.namespace === 'queue')?.keys).toBe(1);
      expect(counts.private.find((row) => row.namespace === 'page')?.keys).toBe(1);
      expect(counts.unknown).toBe(1);
      expect(JSON.stringify(counts)).not.toContain(secret);

      const bounded = await countKeys({ maxSteps: 1, count: 1 });
      expect(bounded).toMatchObject({ ok: true, complete: false });
    } finally {
      installBackends({ redis, database: db, env: { REDIS_KEY_PREFIX: prefix } });
    }
  });

  it('purges one key as an invalidation: entry gone, generation rotated, next read a MISS, audited', async () => {
    const slug = slugs[1]!;
    const key = keys.restaurantMenu(slug);
    await getRestaurantMenu(slug);
    expect((await getRestaurantMenu(slug)).cache.status).toBe('HIT');
    const before = await redis.get(generationKey(key));

    expect(await purgeKey(actor, key)).toEqual({ status: 'purged', keys: [key], total: 1, generationsKept: 0, ok: true, complete: true });
    expect(await redis.get(key)).toBeNull();
    const after = await redis.get(generationKey(key));
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    expect((await getRestaurantMenu(slug)).cache.status).toBe('MISS');
    expect((await getRestaurantMenu(slug)).cache.status).toBe('HIT');

    const [restaurant] = await db.db.select({ id: restaurants.id }).from(restaurants).where(eq(restaurants.slug, slug));
    const [row] = await auditRows();
    expect(row).toMatchObject({
      action: 'cache.purge',
      target: key,
      restaurantId: restaurant!.id,
      invalidatedKeys: [key],
      changes: { scope: 'key', namespace: 'menu', finished: true, purged: 1, redisReached: true },
    });
  });

  it('refuses generation keys, private keys, other deployments’ keys and absent keys, and audits nothing', async () => {
    const key = keys.restaurantMenu(slugs[2]!);
    await getRestaurantMenu(slugs[2]!);
    const token = await redis.get(generationKey(key));
    const audited = (await auditRows()).length;

    const refusals = [generationKey(key), `${prefix}session:${'ab'.repeat(8)}`, key.slice(prefix.length), keys.restaurantMenu('no-such-kitchen'), 42, ''];
    for (const candidate of refusals) expect(await purgeKey(actor, candidate)).toMatchObject({ status: 'rejected' });

    expect(await redis.get(generationKey(key))).toBe(token);
    expect(await redis.exists([key])).toBe(1);
    expect(await redis.exists([generationKey(keys.restaurantMenu('no-such-kitchen'))])).toBe(0);
    expect((await auditRows()).length).toBe(audited);
    expect(await purgeNamespace(actor, 'session')).toMatchObject({ status: 'rejected' });
  });

  it('purges a whole namespace but keeps its generation keys and every other namespace', async () => {
    await getCityRestaurants('pune');
    expect((await getCityRestaurants('pune')).cache.status).toBe('HIT');
    const menuKeys = await keysUnder(redis, `${prefix}menu:`);
    const purgeable = menuKeys.filter((key) => !key.endsWith(':gen')).sort();
    const generations = menuKeys.filter((key) => key.endsWith(':gen'));

    const outcome = await purgeNamespace(actor, 'menu');
    expect(outcome).toMatchObject({ status: 'purged', total: purgeable.length, generationsKept: generations.length, ok: true, complete: true });
    expect(outcome.status === 'purged' && [...outcome.keys].sort()).toEqual(purgeable);

    const left = await keysUnder(redis, `${prefix}menu:`);
    expect(left.sort()).toEqual([...generations].sort());
    expect((await getCityRestaurants('pune')).cache.status).toBe('HIT');
    expect((await getRestaurantMenu(slugs[0]!)).cache.status).toBe('MISS');

    const [row] = await auditRows();
    expect(row).toMatchObject({ target: 'namespace:menu', restaurantId: null, changes: { purged: purgeable.length, complete: true } });
    expect([...row!.invalidatedKeys].sort()).toEqual(purgeable);
  });
});

describe('cache inspection when Redis does not answer', () => {
  let db: DatabaseHandle;
  let actor: Actor;
  const healthy = createMemoryStore();
  // Every command fails, as with a Redis that is down; close() still works.
  const down = new Proxy(healthy, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return () => Promise.reject(new Error('connection refused'));
    },
  });

  beforeAll(async () => {
    db = await createTestPglite();
    installBackends({ redis: down, database: db });
    actor = await addAdmin(db, 'inspect-down@thali.test');
  });
  afterAll(async () => {
    await healthy.close();
    await db.close();
  });

  it('answers "unavailable" instead of throwing, and purges nothing', async () => {
    expect(await scanKeys({ namespace: 'menu' })).toMatchObject({ ok: false });
    expect(await countKeys()).toMatchObject({ ok: false });
    expect(await purgeKey(actor, keys.restaurantMenu('some-kitchen'))).toMatchObject({ status: 'unavailable' });
  });

  it('still audits a namespace purge it could not carry out, marked as such', async () => {
    expect(await purgeNamespace(actor, 'city')).toEqual({ status: 'purged', keys: [], total: 0, generationsKept: 0, ok: false, complete: false });
    const [row] = await db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId));
    expect(row).toMatchObject({ target: 'namespace:city', changes: { finished: true, redisReached: false, complete: false } });
  });
});
